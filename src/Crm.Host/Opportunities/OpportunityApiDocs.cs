using Crm.Host.Platform;

namespace Crm.Host.Opportunities;

/// <summary>What the OpenAPI document says about each opportunity operation (SAL-2), beside the route table.</summary>
internal static class OpportunityApiDocs
{
    private const string Opportunity = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e01","customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Spring order",
        "expectedCloseDate":"2026-04-30","source":"Fair","remark":null,"custom":null,"pipelineId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f00",
        "stageId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f01","stageName":"Initial contact","stageWinRate":10,"outcome":"open","amount":1900.00,
        "amountSetByHand":false,"currency":"CNY","weightedAmount":190.00,"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","leadId":null,
        "closedAt":null,"lostReason":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00",
        "lines":[{"lineId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e02","productId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e10","productName":"Widget",
        "productCode":"W-1","unit":"piece","quantity":20,"unitPrice":100.00,"discountPercent":5,"subtotal":1900.00}],"team":[]}
        """;

    private const string Line = """{"productId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e10","quantity":20,"discountPercent":5}""";

    private const string Bulk = """
        {"succeeded":1,"failed":1,"items":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e01","succeeded":true,"status":200,"version":3,"code":null,
        "message":null,"field":null,"customerId":null},{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e03","succeeded":false,"status":404,"version":null,
        "code":"opportunity_not_found","message":"Opportunity 0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e03 does not exist.","field":null,"customerId":null}]}
        """;

    public static readonly ApiDoc List = new("List opportunities in your data scope, a page at a time",
        "Keyset paging: pass nextCursor back as ?cursor=. sort: updatedAt, createdAt or name, '-' for descending (default -updatedAt). Filters: "
        + "customerId, stageId, outcome (open, won, lost), ownerId; q matches inside the name. includeTotal=true adds total. Opportunities whose "
        + "team you are on are listed whatever your scope.")
    { Response = $$"""{"items":[],"nextCursor":null,"total":0}""", Problems = [400] };

    public static readonly ApiDoc Search = new("Search opportunities with a JSON filter tree",
        "Fields: name, source, remark, customerId, ownerId, departmentId, pipelineId, stageId, stageName, outcome, amount, weightedAmount, "
        + "currency, amountSetByHand, leadId, closedAt, createdAt, updatedAt (amounts: eq ne gt gte lt lte between isNull, JSON numbers of at "
        + "most 2 decimals). Same paging, sort, q and includeTotal as the list.")
    {
        Request = """
            {"filter":{"and":[{"field":"outcome","op":"eq","value":"open"},{"field":"amount","op":"gte","value":10000}]},"sort":"-updatedAt","limit":20}
            """,
        Response = """{"items":[],"nextCursor":null}""", Problems = [400],
    };

    public static readonly ApiDoc OfCustomer = new("A customer's opportunities",
        "The customer must be visible to you (404 customer_not_found otherwise); its opportunities within your opportunity.list scope, newest change "
        + "first. limit defaults to and is capped by the relatedListPageSize setting.")
    { Response = """{"items":[],"nextCursor":null}""", Problems = [400, 404] };

    public static readonly ApiDoc Get = new("Read an opportunity, now or as it was",
        "With its lines and team. ETag is its version. ?version=n or ?asOf=<ISO 8601> show it as it was then (lines, no team). 404 when it "
        + "does not exist or is outside your data scope.")
    { Response = Opportunity, Problems = [400, 404] };

    public static readonly ApiDoc History = new("An opportunity's operation log",
        "One entry per event, oldest first: version, time, action, actor and each change old → new (fields, lines, amount, stage with its win "
        + "rate as it was, owner, team).")
    { Problems = [404] };

    public static readonly ApiDoc ListFollowUps = new("An opportunity's follow-ups, newest first",
        "Keyset paging; limit defaults to and is capped by the relatedListPageSize setting. They are listed under the customer too.")
    { Response = """{"items":[],"nextCursor":null}""", Problems = [400, 404] };

    public static readonly ApiDoc Team = new("An opportunity's team", "Its members with their access (read or read_write) and when they joined.")
    {
        Response = """[{"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","access":"read","addedAt":"2026-03-01T10:00:00+00:00"}]""", Problems = [404],
    };

    public static readonly ApiDoc Create = new("Create an opportunity",
        "Starts at the first open stage of the pipeline (default: the default pipeline; none → 422 pipeline_missing). customerId must be a "
        + "customer you can see (404 customer_not_found). Lines: products on shelf (422 product_off_shelf / product_unknown naming "
        + "lines[i].productId), in the opportunity's currency (422 currency_mismatch naming lines[i]); subtotal = quantity × unitPrice × (100 − "
        + "discountPercent) / 100, rounded half away from zero to 2 places; amount is the lines' total unless sent. With Idempotency-Key, a "
        + "retry answers the first response and writes nothing.")
    {
        Request = $$"""{"customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Spring order","expectedCloseDate":"2026-04-30","lines":[{{Line}}]}""",
        Response = Opportunity, Status = StatusCodes.Status201Created, Problems = [400, 404, 409, 422],
    };

    public static readonly ApiDoc Update = new("Change an opportunity's fields or amount",
        "Only the fields sent change (an empty string clears one); amount sets it by hand, amountFromLines: true gives it back to the lines' "
        + "total. A won or lost opportunity refuses changes (409 opportunity_closed). If-Match: 412 when it changed since you read it.")
    { Request = """{"expectedCloseDate":"2026-05-15","amount":2000}""", Response = Opportunity, Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc PutLines = new("Replace an opportunity's product lines",
        "Send every line. A line with the lineId of an existing line and the same product keeps its snapshot (even if the product is now off "
        + "shelf); other lines need products on shelf. The amount follows unless it was set by hand.")
    { Request = $$"""{"lines":[{{Line}}]}""", Response = Opportunity, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc Delete = new("Delete an opportunity",
        "It leaves every list; its events stay in the store (the global feed). 404 when it does not exist or is outside your scope.")
    { Problems = [404, 412] };

    public static readonly ApiDoc AddFollowUp = new("Record a follow-up on an opportunity (communication, log, schedule, task, approval)",
        "content is required; nextContactAt, when sent, lies in the future. It is listed under the opportunity and under its customer.")
    {
        Request = """{"kind":"communication","content":"Sent the quotation"}""", Response = Opportunity, Status = StatusCodes.Status201Created,
        Problems = [400, 404, 409, 412],
    };

    public static readonly ApiDoc AddTeamMember = new("Add a colleague to the opportunity's team",
        "access is read or read_write. The owner cannot be a member (409 owner_cannot_be_team_member); a member with another access → 409 "
        + "already_team_member. The user must exist and be enabled (422).")
    { Request = """{"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","access":"read"}""", Response = Opportunity, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc ChangeTeamMember = new("Change a team member's access", "422 not_team_member when the user is not on the team.")
    { Request = """{"access":"read_write"}""", Response = Opportunity, Problems = [400, 404, 412, 422] };

    public static readonly ApiDoc RemoveTeamMember = new("Remove a colleague from the team", "422 not_team_member when the user is not on the team.")
    { Response = Opportunity, Problems = [400, 404, 412, 422] };

    public static readonly ApiDoc Advance = new("Move an opportunity to another open stage",
        "stageId must be an open stage of its pipeline (422 stage_unknown); the event records the stage's name and win rate as they are now. "
        + "Won and lost are /win and /lose. A closed opportunity → 409 opportunity_closed.")
    { Request = """{"stageId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f02"}""", Response = Opportunity, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc Win = new("Win an opportunity",
        "It closes at the pipeline's won stage; winning a won one changes nothing, a lost one → 409 opportunity_closed (reopen it first).")
    { Response = Opportunity, Problems = [404, 409, 412, 422] };

    public static readonly ApiDoc Lose = new("Lose an opportunity",
        "reason is required (400 naming reason, at most 500 characters); it closes at the pipeline's lost stage; losing a lost one changes "
        + "nothing, a won one → 409 opportunity_closed.")
    { Request = """{"reason":"Budget cut"}""", Response = Opportunity, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc Reopen = new("Reopen a won or lost opportunity",
        "At stageId (an open stage) or, by default, the last open stage it was at. An open one → 409 opportunity_open.")
    { Request = """{}""", Response = Opportunity, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc Transfer = new("Transfer an opportunity to another owner",
        "toUserId must be an enabled user inside your opportunity.transfer data scope (422 naming toUserId); keepPreviousOwnerAs (read / "
        + "read_write) keeps the previous owner on the team.")
    {
        Request = """{"toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","keepPreviousOwnerAs":"read"}""", Response = Opportunity,
        Problems = [400, 404, 412, 422],
    };

    public static readonly ApiDoc BulkTransfer = new("Transfer several opportunities at once",
        $"ids: 1 to {OpportunityEndpoints.MaxBulk} opportunities. Each is its own transaction; the answer says per id whether it succeeded and, "
        + "if not, the code and message (opportunity_not_found for ids outside your scope).")
    {
        Request = """{"ids":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e01"],"toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""",
        Response = Bulk, Problems = [400, 422],
    };
}
