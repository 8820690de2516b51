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

    public static readonly ApiDoc MarkAllRead = new("Mark your unread notifications read",
        "Recorded as one notification.read-all on your inbox stream, naming the notifications it marked: your unread ones created at or "
        + "before until (all when absent), newest first, at most 1,000 per call — unread in the answer says how many stay unread. "
        + "Nothing unread writes nothing.")
    { Response = """{"marked":12,"unread":0}""", Problems = [401, 400] };

    public static readonly ApiDoc UnreadCount = new("How many of your notifications are unread", "The badge a UI shows.")
    { Response = """{"unread":3}""", Problems = [401] };

    public static readonly ApiDoc Stream = new("Your notifications as they come (server-sent events)",
        "A text/event-stream that stays open. Events: unread — {\"unread\":n}, at once and whenever the count changes (a new "
        + "notification, a read on any device); notification — a new notification, shaped as the list's items, its id as the event id; "
        + "ping — {} after 15 s of silence. The stream ends when the access token it was opened with would be refused (expired, "
        + "refreshed, signed out, user disabled): reconnect with the current token and read the list for what came meanwhile. "
        + "Send the token in the Authorization header (a fetch-based EventSource); tokens never go in the URL.")
    { Problems = [401] };
}
