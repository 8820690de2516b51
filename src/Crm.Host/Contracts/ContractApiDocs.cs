using Crm.Host.Platform;

namespace Crm.Host.Contracts;

/// <summary>What the OpenAPI document says about each contract operation (SAL-3, SAL-5), beside the route table.</summary>
internal static class ContractApiDocs
{
    private const string Plan = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5a11","instalment":1,"amount":950.00,"currency":"CNY","plannedOn":"2026-05-01","method":"transfer",
        "remindDaysBefore":7,"remark":null}
        """;

    private const string Contract = $$"""
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5a01","number":"HT-2026-000123","customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21",
        "opportunityId":null,"name":"Spring order","signedOn":"2026-04-01","startsOn":"2026-04-01","endsOn":"2027-03-31","signatoryContactId":null,
        "remark":null,"custom":null,"amount":1900.00,"amountSetByHand":false,"currency":"CNY","status":"draft","approvedVersion":null,"approvedAt":null,
        "voidedAt":null,"voidReason":null,"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","version":1,"createdAt":"2026-03-01T09:00:00+00:00",
        "updatedAt":"2026-03-01T09:00:00+00:00","lines":[{"lineId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e02",
        "productId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e10","productName":"Widget","productCode":"W-1","unit":"piece","quantity":20,"unitPrice":100.00,
        "discountPercent":5,"subtotal":1900.00}],"team":[],"paymentPlans":[{{Plan}}]}
        """;

    private const string Line = """{"productId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e10","quantity":20,"discountPercent":5}""";

    private const string Bulk = """
        {"succeeded":1,"failed":1,"items":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5a01","succeeded":true,"status":200,"version":3,"code":null,
        "message":null,"field":null,"customerId":null},{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5a03","succeeded":false,"status":404,"version":null,
        "code":"contract_not_found","message":"Contract 0196f3a2-7c1e-7d40-9a51-3f0c2b8e5a03 does not exist.","field":null,"customerId":null}]}
        """;

    private const string Locked = " Pending and approved contracts are locked (409 contract_locked); a voided one refuses every change (409 contract_voided).";

    public static readonly ApiDoc List = new("List contracts in your data scope, a page at a time",
        "Keyset paging: pass nextCursor back as ?cursor=. sort: updatedAt, createdAt or name, '-' for descending (default -updatedAt). Filters: "
        + "customerId, status, ownerId; q matches inside the number and the name. includeTotal=true adds total. Contracts whose team you are on "
        + "are listed whatever your scope.")
    { Response = """{"items":[],"nextCursor":null,"total":0}""", Problems = [400] };

    public static readonly ApiDoc Search = new("Search contracts with a JSON filter tree",
        "Fields: number, name, remark, status, customerId, opportunityId, signatoryContactId, ownerId, departmentId, currency, amountSetByHand, "
        + "approvedAt, voidedAt, createdAt, updatedAt. Same paging, sort, q and includeTotal as the list.")
    {
        Request = """{"filter":{"and":[{"field":"status","op":"eq","value":"approved"}]},"sort":"-updatedAt","limit":20}""",
        Response = """{"items":[],"nextCursor":null}""", Problems = [400],
    };

    public static readonly ApiDoc OfCustomer = new("A customer's contracts",
        "The customer must be visible to you (404 customer_not_found otherwise); its contracts within your contract.list scope, newest change first. "
        + "limit defaults to and is capped by the relatedListPageSize setting.")
    { Response = """{"items":[],"nextCursor":null}""", Problems = [400, 404] };

    public static readonly ApiDoc Get = new("Read a contract, now or as it was",
        "With its lines, team and payment plan. ETag is its version. ?version=n or ?asOf=<ISO 8601> show it as it was then (lines and plan, no "
        + "team). 404 when it does not exist or is outside your data scope.")
    { Response = Contract, Problems = [400, 404] };

    public static readonly ApiDoc History = new("A contract's operation log",
        "One entry per event, oldest first: version, time, action, actor and each change old → new (fields, lines, amount, status, owner, team, "
        + "payment plans).")
    { Problems = [404] };

    public static readonly ApiDoc Team = new("A contract's team", "Its members with their access (read or read_write) and when they joined.")
    {
        Response = """[{"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","access":"read","addedAt":"2026-03-01T10:00:00+00:00"}]""", Problems = [404],
    };

    public static readonly ApiDoc Create = new("Create a contract (a draft)",
        "customerId must be a customer you can see (404 customer_not_found), not in the pool (409 customer_in_pool). number: default the next "
        + "one of the pattern HT-{yyyy}-{seq:6} (unique, not gap-free); a number you send must be free (409 contract_number_taken). "
        + "opportunityId must be the customer's (422 opportunity_not_of_customer), signatoryContactId a contact of the customer (422 "
        + "signatory_not_of_customer). Lines as an opportunity's: products on shelf (422 product_off_shelf naming lines[i].productId). endsOn on "
        + "or after startsOn (400 naming endsOn); amount at most 2 decimals, not negative. With Idempotency-Key, a retry answers the first response.")
    {
        Request = $$"""
            {"customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Spring order","startsOn":"2026-04-01","endsOn":"2027-03-31","lines":[{{Line}}]}
            """,
        Response = Contract, Status = StatusCodes.Status201Created, Problems = [400, 404, 409, 422],
    };

    public static readonly ApiDoc Update = new("Change a contract's fields or amount",
        "Only the fields sent change (an empty string clears one); amount sets it by hand, amountFromLines: true gives it back to the lines' total; "
        + "an amount below the payment plans' sum → 409 plans_exceed_amount." + Locked + " If-Match: 412 when it changed since you read it.")
    { Request = """{"endsOn":"2027-06-30","amount":2000}""", Response = Contract, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc PutLines = new("Replace a contract's product lines",
        "Send every line. A line with the lineId of an existing line and the same product keeps its snapshot; other lines need products on shelf. "
        + "The amount follows unless it was set by hand." + Locked)
    { Request = $$"""{"lines":[{{Line}}]}""", Response = Contract, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc Delete = new("Delete a draft or rejected contract",
        "Any other status → 409 contract_not_deletable (void it instead). Its events stay in the store. 404 when it does not exist or is outside "
        + "your scope.")
    { Problems = [404, 409, 412] };

    public static readonly ApiDoc Void = new("Void a contract, for a reason",
        "reason is required (400, at most 500 characters). Any status but voided (409 contract_voided): an approved contract too, and it no longer "
        + "counts as the customer's deal. Final.")
    { Request = """{"reason":"Customer withdrew"}""", Response = Contract, Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc AddTeamMember = new("Add a colleague to the contract's team",
        "access is read or read_write. The owner cannot be a member (409 owner_cannot_be_team_member); a member with another access → 409 "
        + "already_team_member. The user must exist and be enabled (422).")
    { Request = """{"userId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","access":"read"}""", Response = Contract, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc ChangeTeamMember = new("Change a team member's access", "422 not_team_member when the user is not on the team.")
    { Request = """{"access":"read_write"}""", Response = Contract, Problems = [400, 404, 412, 422] };

    public static readonly ApiDoc RemoveTeamMember = new("Remove a colleague from the team", "422 not_team_member when the user is not on the team.")
    { Response = Contract, Problems = [400, 404, 412, 422] };

    public static readonly ApiDoc Transfer = new("Transfer a contract to another owner",
        "toUserId must be an enabled user inside your contract.transfer data scope (422 naming toUserId); keepPreviousOwnerAs (read / read_write) "
        + "keeps the previous owner on the team. Any status.")
    {
        Request = """{"toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","keepPreviousOwnerAs":"read"}""", Response = Contract,
        Problems = [400, 404, 412, 422],
    };

    public static readonly ApiDoc BulkTransfer = new("Transfer several contracts at once",
        $"ids: 1 to {ContractEndpoints.MaxBulk} contracts. Each is its own transaction; the answer says per id whether it succeeded and, if not, "
        + "the code and message (contract_not_found for ids outside your scope).")
    {
        Request = """{"ids":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e5a01"],"toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}""",
        Response = Bulk, Problems = [400, 422],
    };

    public static readonly ApiDoc Plans = new("A contract's payment plan",
        "Its instalments by number; the contract must be visible to you for payment-plan.list (404 contract_not_found).")
    { Response = $"[{Plan}]", Problems = [404] };

    public static readonly ApiDoc AddPlan = new("Add an instalment to the payment plan",
        "instalment unique in the contract (409 instalment_taken); amount more than 0, at most 2 decimals, in the contract's currency; the plans "
        + "may add up to the contract's amount at most (409 plans_exceed_amount naming amount, with planId). Plans change while the contract is "
        + "pending or approved (they are not approved fields), not once it is voided (409 contract_voided). If-Match is the contract's version.")
    {
        Request = """{"instalment":1,"amount":950.00,"plannedOn":"2026-05-01","method":"transfer","remindDaysBefore":7}""", Response = Plan,
        Status = StatusCodes.Status201Created, Problems = [400, 404, 409, 412],
    };

    public static readonly ApiDoc UpdatePlan = new("Change an instalment",
        "Only the values sent change; the same rules as adding one. 404 plan_not_found when the contract has no such instalment.")
    { Request = """{"amount":1000.00}""", Response = Plan, Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc RemovePlan = new("Remove an instalment", "404 plan_not_found when the contract has no such instalment.")
    { Problems = [404, 409, 412] };

    public static readonly ApiDoc Export = new("Export the contracts in your scope as CSV",
        "Every contract matching the list's filters (customerId, status, ownerId, q, sort) within your contract.export scope (plus contracts whose "
        + "team you are on), streamed as UTF-8 CSV with a header row: " + string.Join(", ", ContractCsvEndpoints.Columns) + ".")
    { Problems = [400] };
}
