using Crm.Host.Platform;

namespace Crm.Host.Leads;

/// <summary>What the OpenAPI document says about each lead operation (LEAD-1…7), beside the route table.</summary>
internal static class LeadApiDocs
{
    private const int MaxBulkIds = LeadEndpoints.MaxBulkIds;

    public static readonly ApiDoc List = new("List the leads in your data scope, a page at a time",
        "Keyset paging (pass nextCursor back as ?cursor=), sort updatedAt|createdAt|name (prefix - for descending), q "
        + "matches name, company, phone and e-mail. includeTotal=true adds the count (slower). For a filter tree use POST "
        + "/api/leads/search.")
    { Response = $$"""{"items":[{{Example.Lead}}],"nextCursor":null,"total":null}""", Problems = [400] };

    public static readonly ApiDoc Search = new("Search leads with a filter tree (a scene)",
        "The same list as GET /api/leads, filtered by a JSON filter tree of and/or/not nodes and {field, op, value} "
        + "conditions. Every fault in the tree is named under errors (filter.<field>).")
    { Request = Example.Search, Response = $$"""{"items":[{{Example.Lead}}],"nextCursor":null,"total":1}""", Problems = [400] };

    public static readonly ApiDoc ListPool = new("List the lead pool: leads nobody owns",
        "Whoever may claim from the pool sees all of it. Same paging, sort and q as GET /api/leads.")
    { Response = $$"""{"items":[{{Example.PoolLead}}],"nextCursor":null,"total":null}""", Problems = [400] };

    public static readonly ApiDoc Get = new("Read a lead, now or as it was",
        "ETag is the lead's version. ?version=n or ?asOf=<ISO 8601> show it as it was then. A lead outside your data "
        + "scope is a 404.")
    { Response = Example.Lead, Problems = [400, 404] };

    public static readonly ApiDoc History = new("A lead's operation log",
        "One entry per event, oldest first: version, time, action, actor, request id and each changed field's old and "
        + "new value.")
    { Response = Example.History, Problems = [404] };

    public static readonly ApiDoc ListFollowUps = new("A lead's follow-up records, newest first",
        "Keyset paging: pass nextCursor back as ?cursor=; limit defaults to and is capped by the relatedListPageSize setting.")
    { Response = $$"""{"items":[{{Example.FollowUp}}],"nextCursor":null}""", Problems = [400, 404] };

    public static readonly ApiDoc Create = new("Create a lead",
        "Leads and customers with the same name (or company), phone or e-mail make it a 409 duplicate_suspected listing "
        + "the candidates (those outside your scope show only what matched); send createAnyway: true to create it "
        + "nonetheless. ownerId defaults to you and must be inside your lead.create scope (422 otherwise). With "
        + "Idempotency-Key, a retry answers the first response and writes nothing.")
    { Request = Example.Create, Response = Example.Lead, Status = StatusCodes.Status201Created, Problems = [400, 409, 422] };

    public static readonly ApiDoc Update = new("Change a lead's fields",
        "Only the fields sent change (an empty string clears one); one lead.edited event names each changed field with "
        + "its old and new value. Send If-Match with the ETag you read: 412 when someone changed it since. A converted "
        + "lead is closed: 409 lead_converted.")
    { Request = """{"level":"A","remark":""}""", Response = Example.Lead, Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc FollowUp = new("Record a follow-up on a lead",
        "kind is phone, email, visit, sms, chat or other; content is required; nextContactAt (in the future) lands in "
        + "the owner's schedule. Allowed on converted leads too.")
    {
        Request = """{"kind":"phone","content":"Called; wants a quote next week.","nextContactAt":"2026-03-08T02:00:00Z"}""",
        Response = Example.FollowUp, Status = StatusCodes.Status201Created, Problems = [400, 404, 412, 422],
    };

    public static readonly ApiDoc Transfer = new("Transfer a lead to another owner",
        "The new owner must be an enabled user (422 otherwise). A pool lead is claimed, not transferred (409 "
        + "lead_in_pool); a converted one is closed (409 lead_converted).")
    { Request = """{"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""", Response = Example.Lead, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc PutInPool = new("Put a lead into the lead pool",
        "The lead loses its owner until someone claims it. reason is optional (at most 500 characters).")
    { Request = """{"reason":"No answer for a month"}""", Response = Example.PoolLead, Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc Claim = new("Claim a lead from the lead pool",
        "You become its owner. 409 lead_not_in_pool when someone claimed it first.")
    { Response = Example.Lead, Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc Convert = new("Convert a lead into a customer, optionally with a contact and an opportunity",
        "One transaction appends the new customer (fields from the lead: company as name, else the person's name; "
        + "override any under customer), the optional contact, the optional opportunity and the lead's lead.converted. "
        + "Duplicates among customers and other leads make it a 409 duplicate_suspected unless createAnyway. A converted lead "
        + "is closed (409 lead_converted). If-Match guards the lead's version (412). The opportunity belongs to the new "
        + "customer and its owner, starts at its pipeline's first stage (default pipeline unless pipelineId) and passes the "
        + "checks of POST /api/opportunities: its refusals name fields under opportunity. (400 opportunity.name, 422 "
        + "opportunity.lines[0].productId product_off_shelf, 422 opportunity.pipelineId pipeline_missing …) and nothing is "
        + "written. Sending an opportunity needs opportunity.create (403 permission_denied otherwise).")
    { Request = Example.Convert, Response = Example.Converted, Problems = [400, 403, 404, 409, 412, 422] };

    public static readonly ApiDoc BulkConvert = new("Convert many leads",
        $"Up to {MaxBulkIds} ids; each lead is converted on its own (one transaction per lead: customer, optional "
        + "contact named after the lead's person with withContact, and the lead). The answer lists each id: succeeded "
        + "with the new customer id, or the status and code a single call would have answered (404 for leads outside your "
        + "scope, 409 duplicate_suspected, lead_converted …). Bulk conversion creates no opportunities: convert one lead with "
        + "an opportunity through POST /api/leads/{id}/convert.")
    {
        Request = """{"ids":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22"],"withContact":true,"createAnyway":false}""",
        Response = Example.Bulk, Problems = [400],
    };

    public static readonly ApiDoc BulkTransfer = new("Transfer many leads to one owner",
        $"Up to {MaxBulkIds} ids; each lead is transferred on its own and the answer lists each id's outcome (404 for "
        + "leads outside your scope, 409 lead_in_pool / lead_converted).")
    {
        Request = """{"ids":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21"],"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""",
        Response = Example.Bulk, Problems = [400, 422],
    };

    /// <summary>Example payloads for the OpenAPI document.</summary>
    private static class Example
    {
        public const string Lead = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Wang Fang","company":"Acme Trading","phone":"+86 138 0000 1234",
            "email":"wang.fang@acme.example","source":"campaign","industry":"retail","level":"A","address":null,"remark":null,
            "ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","inPool":false,"convertedCustomerId":null,"convertedContactId":null,"convertedAt":null,
            "lastFollowUpAt":null,"nextContactAt":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}
            """;

        public const string PoolLead = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Wang Fang","company":"Acme Trading","phone":null,"email":null,"source":"campaign",
            "industry":null,"level":null,"address":null,"remark":null,"ownerId":null,"inPool":true,"convertedCustomerId":null,
            "convertedContactId":null,"convertedAt":null,"lastFollowUpAt":null,"nextContactAt":null,"version":3,
            "createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-04T09:00:00+00:00"}
            """;

        public const string Create = """
            {"name":"Wang Fang","company":"Acme Trading","phone":"+86 138 0000 1234","email":"wang.fang@acme.example","source":"campaign",
            "industry":"retail","level":"A"}
            """;

        public const string Search = """
            {"filter":{"and":[{"field":"source","op":"eq","value":"campaign"},{"field":"converted","op":"eq","value":false}]},"sort":"-createdAt",
            "q":"acme","limit":20,"includeTotal":true}
            """;

        public const string FollowUp = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d55","recordId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","kind":"phone",
            "content":"Called; wants a quote next week.","nextContactAt":"2026-03-08T02:00:00+00:00","createdAt":"2026-03-01T10:00:00+00:00",
            "createdBy":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99"}
            """;

        public const string History = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","items":[
              {"version":2,"at":"2026-03-02T10:30:00+00:00","action":"edited","eventType":"lead.edited",
              "actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":"81aa","changes":[{"field":"level","old":"B","new":"A"}]}]}
            """;

        public const string Convert = """
            {"customer":{"level":"A","tags":["vip"]},"contact":{"name":"Wang Fang","title":"Buyer","phone":"+86 138 0000 1234"},"createAnyway":false,
            "opportunity":{"name":"Acme 2026 order","expectedCloseDate":"2026-06-30",
            "lines":[{"productId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f10","quantity":10,"discountPercent":5}]}}
            """;

        public const string Converted = $$"""
            {"lead":{{Lead}},"customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e01","contactId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e02",
            "opportunityId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e03"}
            """;

        public const string Bulk = """
            {"succeeded":1,"failed":1,"items":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","succeeded":true,"status":200,
               "code":null,"message":null,"field":null,"version":3,"customerId":null},
              {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","succeeded":false,"status":404,"code":"lead_not_found",
               "message":"Lead 0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22 does not exist (at that version or moment).",
               "field":null,"version":null,"customerId":null}]}
            """;
    }

    public static readonly ApiDoc Erase = new("Erase a lead's personal data (PIPL/GDPR)",
        "Its name, phone, e-mail, address and remark become \"[erased]\" in every earlier event, so in the detail, lists, history, "
        + "time travel and the audit feed; the company stays. A converted lead may be erased: the customer and contact it became keep "
        + "their own copies (erase them through their own routes). reason is required (at most 500 characters). A second erasure with "
        + "nothing personal recorded since is 409 already_erased.")
    { Request = """{"reason":"Data subject request #2026-118"}""", Response = Example.Lead, Problems = [400, 404, 409, 412, 422] };
}
