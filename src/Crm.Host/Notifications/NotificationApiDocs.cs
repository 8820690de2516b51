using Crm.Host.Platform;

namespace Crm.Host.Notifications;

/// <summary>What the OpenAPI document says about each notification operation (WORK-4), beside the route table.</summary>
internal static class NotificationApiDocs
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d60","kind":"customer_transferred","recordType":"customer","recordId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21",
        "message":"Customer Acme Trading was transferred to you.","dueAt":null,"actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
        "createdAt":"2026-03-02T10:30:00+00:00","readAt":null}
        """;

    public static readonly ApiDoc List = new("Your notifications, newest first",
        "Only your own: customers transferred or assigned to you, recycling warnings and recyclings of your customers, contacts transferred to you. "
        + "unread=true leaves out the read ones. Keyset paging; limit defaults to and is capped by listPageSize.")
    { Response = $$"""{"items":[{{Example}}],"nextCursor":null}""", Problems = [401, 400] };

    public static readonly ApiDoc MarkRead = new("Mark one of your notifications read",
        "Recorded as notification.read on your inbox stream. Reading a read notification changes nothing. Someone else's notification is a 404.")
    { Response = Example, Problems = [401, 404] };
}
