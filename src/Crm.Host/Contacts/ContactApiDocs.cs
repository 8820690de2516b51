using Crm.Host.Customers;
using Crm.Host.Platform;

namespace Crm.Host.Contacts;

/// <summary>What the OpenAPI document says about each contact operation (CUS-8), beside the route table.</summary>
internal static class ContactApiDocs
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d40","customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Zhang Wei","title":"Buyer",
        "phone":"+86 138 0000 0001","email":"zhang.wei@acme.example","address":null,"remark":null,"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
        "lastFollowUpAt":null,"nextContactAt":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}
        """;

    private const string Page = $$"""{"items":[{{Example}}],"nextCursor":null}""";

    public static readonly ApiDoc Create = new("Create a contact under a customer",
        "customerId names a customer you can see and edit (else 422 naming customerId); a pool customer has no owner to give the contact "
        + "(409 customer_in_pool). Invalid fields are all named (400). The contact's owner is the customer's owner. With Idempotency-Key, a "
        + "retry answers the first response.")
    {
        Request = """{"customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Zhang Wei","title":"Buyer","phone":"+86 138 0000 0001"}""",
        Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 409, 422],
    };

    public static readonly ApiDoc List = new("List contacts in your data scope, or one customer's contacts",
        "Keyset paging (limit defaults to and is capped by listPageSize), sort updatedAt|createdAt|name with '-' for descending, q inside "
        + "name/phone/email. With customerId: that customer's contacts by name (404 when you cannot see the customer).")
    { Response = Page, Problems = [400, 404] };

    public static readonly ApiDoc Search = new("Search contacts with a JSON filter tree",
        "As POST /api/customers/search, over the contact fields (name, title, phone, email, address, remark, customerId, ownerId, createdAt, "
        + "updatedAt, lastFollowUpAt, nextContactAt).")
    { Request = """{"filter":{"field":"title","op":"contains","value":"buy"}}""", Response = Page, Problems = [400] };

    public static readonly ApiDoc Get = new("Read a contact, now or as it was",
        "ETag is the contact's version; ?version=n or ?asOf=<ISO 8601> for time travel. 404 outside your data scope.")
    { Response = Example, Problems = [400, 404] };

    public static readonly ApiDoc Update = new("Change a contact's fields",
        "Only the fields sent change; one event names each changed field old → new. If-Match → 412 when stale. Team members of the customer "
        + "with read access only are refused (403 team_read_only).")
    { Request = """{"title":"Head of purchasing"}""", Response = Example, Problems = [400, 403, 404, 412] };

    public static readonly ApiDoc History = new("A contact's operation log",
        "One entry per event, oldest first, with actor, time, action and changed fields old → new (owner changes included).")
    {
        Response = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d40","items":[{"version":1,"at":"2026-03-01T09:00:00+00:00","action":"created",
            "eventType":"contact.created","actorId":null,"requestId":null,"changes":[{"field":"name","old":null,"new":"Zhang Wei"}]}]}
            """,
        Problems = [404],
    };

    public static readonly ApiDoc AddFollowUp = new("Record a follow-up on a contact",
        "Kinds as for customers: communication, log, schedule, task, approval. It is filed under the customer too.")
    {
        Request = """{"kind":"communication","content":"Met at the fair"}""", Response = Example, Status = StatusCodes.Status201Created,
        Problems = [400, 403, 404, 409, 412],
    };

    public static readonly ApiDoc ListFollowUps = new("A contact's follow-ups, newest first",
        "Keyset paging; limit defaults to and is capped by relatedListPageSize.")
    { Response = $$"""{"items":[{{CustomerEndpoints.Example.FollowUp}}],"nextCursor":null}""", Problems = [400, 404] };

    public static readonly ApiDoc Transfer = new("Transfer a contact to another owner",
        "toUserId must be an enabled user inside your contact.transfer data scope (422 naming toUserId). Contacts also move with their "
        + "customer (POST /api/customers/{id}/transfer with cascadeToContacts).")
    { Request = """{"toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""", Response = Example, Problems = [400, 404, 412, 422] };

    public static readonly ApiDoc Erase = new("Erase a contact's personal data (PIPL/GDPR)",
        "Its name, phone, e-mail, address and remark become \"[erased]\" in every earlier event, so in the detail, lists, history, "
        + "time travel, notifications and the audit feed; the title stays. reason is required (at most 500 characters). A second "
        + "erasure with nothing personal recorded since is 409 already_erased.")
    { Request = """{"reason":"Data subject request #2026-118"}""", Response = Example, Problems = [400, 404, 409, 412, 422] };
}
