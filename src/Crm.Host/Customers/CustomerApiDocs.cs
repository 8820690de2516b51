using Crm.Host.Platform;
using Example = Crm.Host.Customers.CustomerEndpoints.Example;

namespace Crm.Host.Customers;

/// <summary>What the OpenAPI document says about each customer operation (CUS-1…6), beside the route table.</summary>
internal static class CustomerApiDocs
{
    private const string Page = $$"""{"items":[{{Example.Customer}}],"nextCursor":null}""";

    public static readonly ApiDoc List = new("List customers in your data scope, a page at a time",
        "Keyset paging: pass nextCursor back as ?cursor=. limit defaults to the listPageSize setting and is capped by it. sort: updatedAt, "
        + "createdAt or name, '-' for descending (default -updatedAt). q matches inside name, phone and email; ownerId keeps one owner's "
        + "customers. includeTotal=true adds total. Customers whose team you are on are listed whatever your scope. lastDealAt: when the "
        + "customer last won an opportunity that is still won (null: no deal).")
    { Response = $$"""{"items":[{{Example.Customer}}],"nextCursor":null,"total":1}""", Problems = [400] };

    public static readonly ApiDoc Search = new("Search customers with a JSON filter tree",
        "The filter is {\"and\"|\"or\":[…]} / {\"not\":…} over conditions {\"field\",\"op\",\"value\"}; fields: name, level, industry, source, "
        + "region, phone, email, tags, ownerId, locked, followUpStatus, createdAt, updatedAt … An unknown field, an operator that does not fit "
        + "it or a value of the wrong type is a 400 naming it. Same paging, sort, q and includeTotal as the list.")
    {
        Request = """{"filter":{"and":[{"field":"level","op":"eq","value":"A"},{"field":"tags","op":"contains","value":"vip"}]},"sort":"name","limit":20}""",
        Response = Page, Problems = [400],
    };

    public static readonly ApiDoc Get = new("Read a customer, now or as it was",
        "ETag is the customer's version. ?version=n or ?asOf=<ISO 8601> show it as it was then (without the team and lastDealAt). lastDealAt: "
        + "when the customer last won an opportunity still won (null: none; the pool's deal rules read it). 404 when it does not "
        + "exist or is outside your data scope.")
    { Response = Example.Customer, Problems = [400, 404] };

    public static readonly ApiDoc History = new("A customer's operation log",
        "One entry per event, oldest first: version, time, action, actor, request id and each changed field old → new (fields, owner, "
        + "team, lock, pool).")
    { Response = Example.History, Problems = [404] };

    public static readonly ApiDoc ListFollowUps = new("A customer's follow-ups, newest first (its contacts' too)",
        "Keyset paging as in lists; limit defaults to and is capped by the relatedListPageSize setting.")
    { Response = $$"""{"items":[{{Example.FollowUp}}],"nextCursor":null}""", Problems = [400, 404] };

    public static readonly ApiDoc ListContacts = new("A customer's contacts, by name",
        "The detail page's related list: keyset paging; limit defaults to and is capped by the relatedListPageSize setting.")
    {
        Response = """
            {"items":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d40","customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Zhang Wei",
            "title":"Buyer","phone":null,"email":null,"address":null,"remark":null,"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
            "lastFollowUpAt":null,"nextContactAt":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00",
            "updatedAt":"2026-03-01T09:00:00+00:00"}],"nextCursor":null}
            """,
        Problems = [400, 404],
    };

    public static readonly ApiDoc Create = new("Create a customer",
        "Every invalid field is named under errors (400). Leads and customers with the same name, phone or email → 409 duplicate_suspected "
        + "with candidates (one outside your scope shows only what matched: id and name null, visible false); send createAnyway: true to "
        + "create it nonetheless. ownerId defaults to you and must be inside your customer.create data scope (422). With Idempotency-Key, a "
        + "retry answers the first response and writes nothing.")
    { Request = Example.Create, Response = Example.Customer, Status = StatusCodes.Status201Created, Problems = [400, 409, 422] };

    public static readonly ApiDoc Update = new("Change a customer's fields",
        "Only the fields sent change (an empty string clears one); one event names every changed field old → new. Send If-Match with the "
        + "ETag you read: 412 when someone changed it since. Team members with read_write access may edit.")
    { Request = """{"level":"B","tags":["vip","export"]}""", Response = Example.Customer, Problems = [400, 404, 412] };

    public static readonly ApiDoc AddFollowUp = new("Record a follow-up (communication, log, schedule, task, approval)",
        "content is required (at most 2000 characters); nextContactAt, when sent, lies in the future. Moves the follow-up status from new "
        + "to in_communication and restarts the recycling clock.")
    {
        Request = """{"kind":"communication","content":"Called about the spring order","nextContactAt":"2026-03-08T09:00:00Z"}""",
        Response = Example.Customer, Status = StatusCodes.Status201Created, Problems = [400, 404, 412],
    };

    public static readonly ApiDoc AddTeamMember = new("Add a colleague to the customer's team (CUS-3)",
        "access is read or read_write. The owner cannot be a member (409 owner_cannot_be_team_member); an existing member with another "
        + "access → 409 already_team_member (change it instead). The user must exist and be enabled (422).")
    {
        Request = """{"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","access":"read_write"}""", Response = Example.Customer,
        Problems = [400, 404, 409, 412, 422],
    };

    public static readonly ApiDoc ChangeTeamMember = new("Change a team member's access", "422 not_team_member when the user is not on the team.")
    { Request = """{"access":"read"}""", Response = Example.Customer, Problems = [400, 404, 412, 422] };

    public static readonly ApiDoc RemoveTeamMember = new("Remove a colleague from the team", "422 not_team_member when the user is not on the team.")
    { Response = Example.Customer, Problems = [400, 404, 412, 422] };

    public static readonly ApiDoc Transfer = new("Transfer a customer to another owner (CUS-4)",
        "toUserId must be an enabled user inside your customer.transfer data scope (422 naming toUserId). cascadeToContacts moves its "
        + "contacts in the same transaction; cascadeToOpportunities moves its OPEN opportunities owned by the previous owner (won and lost "
        + "ones, and colleagues' ones, stay) in the same transaction, each with opportunity.transferred naming the customer; "
        + "keepPreviousOwnerAs (read / read_write) keeps the previous owner on the team (of the customer and of each moved opportunity). "
        + "Pool customers are claimed or assigned instead (409 customer_in_pool).")
    {
        Request = """
            {"toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","cascadeToContacts":true,"cascadeToOpportunities":true,"keepPreviousOwnerAs":"read"}
            """,
        Response = Example.Customer, Problems = [400, 404, 409, 412, 422],
    };

    public static readonly ApiDoc BulkTransfer = new("Transfer several customers at once",
        $"ids: 1 to {CustomerEndpoints.MaxBulk} customers; the same options as a single transfer. Each customer is its own transaction (with its "
        + "contacts and opportunities as asked); the answer says per id whether it succeeded and, if not, the code and message (e.g. "
        + "customer_not_found for ids outside your scope).")
    {
        Request = """
            {"ids":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22"],
            "toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","cascadeToContacts":true}
            """,
        Response = Example.Bulk, Problems = [400, 422],
    };

    public static readonly ApiDoc Lock = new("Lock a customer: it is never recycled to the pool (CUS-5)", "Locking a locked customer changes nothing.")
    { Response = Example.Customer, Problems = [400, 404, 412] };

    public static readonly ApiDoc Unlock = new("Unlock a customer", "Unlocking an unlocked customer changes nothing.")
    { Response = Example.Customer, Problems = [400, 404, 412] };

    public static readonly ApiDoc PutInPool = new("Put a customer into the public pool by hand (CUS-6)",
        "A locked customer is refused (409 customer_locked): unlock it first. reason is optional (at most 500 characters). The previous "
        + "owner waits the claim cooldown before claiming it back.")
    { Request = """{"reason":"No budget this year"}""", Response = Example.Customer, Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc Erase = new("Erase a customer's personal data (PIPL/GDPR)",
        "Its address, phone, e-mail and remark become \"[erased]\" in every earlier event, so in the detail, lists, history, time travel, "
        + "exports and the audit feed; the name stays (a customer is mostly a company: erase its contacts for the people). reason is "
        + "required (at most 500 characters); the erasure is an event naming the fields, never the values. A second erasure with "
        + "nothing personal recorded since is 409 already_erased; values entered afterwards are kept until erased again.")
    { Request = """{"reason":"Data subject request #2026-118"}""", Response = Example.Customer, Problems = [400, 404, 409, 412, 422] };
}
