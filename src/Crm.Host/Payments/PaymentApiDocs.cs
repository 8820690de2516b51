using Crm.Host.Platform;

namespace Crm.Host.Payments;

/// <summary>What the OpenAPI document says about each payment operation (SAL-6), beside the route table.</summary>
internal static class PaymentApiDocs
{
    private const string Payment = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5a01","contractId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5b01",
        "customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","amount":30000.00,"currency":"CNY",
        "receivedOn":"2026-03-10","planId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5c01","method":"bank transfer","remark":null,"status":"draft",
        "submissionId":null,"approvedAt":null,"rejectedReason":null,"version":1,"createdAt":"2026-03-10T09:00:00+00:00",
        "updatedAt":"2026-03-10T09:00:00+00:00"}
        """;

    public static readonly ApiDoc List = new("List payments in your data scope, a page at a time",
        "A payment is reached through its contract: your payment.list scope over the contract's owner, or your place on the contract's team. "
        + "Keyset paging: pass nextCursor back as "
        + "?cursor=. sort: updatedAt or createdAt, '-' for descending (default -updatedAt). Filters: contractId, customerId, status (draft, pending, "
        + "approved, rejected); q matches inside method and remark. With contractId the answer carries that contract's receivable (null until it "
        + "is computed, or when the contract is outside your scope).")
    { Response = """{"items":[],"nextCursor":null,"total":null,"receivable":null}""", Problems = [400] };

    public static readonly ApiDoc Search = new("Search payments with a JSON filter tree",
        "Fields: contractId, customerId, ownerId, planId, status, method, remark, currency, approvedAt, createdAt, updatedAt. Same paging, sort, q "
        + "and includeTotal as the list.")
    {
        Request = """{"filter":{"and":[{"field":"status","op":"eq","value":"approved"}]},"sort":"-updatedAt","limit":20}""",
        Response = """{"items":[],"nextCursor":null}""", Problems = [400],
    };

    public static readonly ApiDoc Export = new("Export the payments in your scope as CSV",
        "Every payment matching the filters (contractId, customerId, status), sort and q of the list, within your payment.export scope, streamed as "
        + "UTF-8 CSV with a header row: " + string.Join(", ", PaymentEndpoints.ExportColumns) + ". Cells that look like formulas are escaped.")
    { Problems = [400] };

    public static readonly ApiDoc OfCustomer = new("A customer's payments",
        "The customer must be visible to you (404 customer_not_found otherwise); its payments within your payment.list scope, newest change "
        + "first. limit defaults to and is capped by the relatedListPageSize setting. The first page carries customerReceivables: its approved "
        + "contracts in your scope summed per currency (amount, approved payments, receivable, overdue), computed by the projection daemon.")
    {
        Response = """
            {"items":[],"nextCursor":null,"customerReceivables":[{"currency":"CNY","contracts":2,"contractAmount":150000.00,
            "approvedAmount":30000.00,"receivableAmount":120000.00,"overdueAmount":0}]}
            """,
        Problems = [400, 404],
    };

    public static readonly ApiDoc Get = new("Read a payment, now or as it was",
        "ETag is its version. ?version=n or ?asOf=<ISO 8601> show it as it was then (its ownerId as recorded then). 404 payment_not_found when it "
        + "does not exist or its contract is outside your data scope.")
    { Response = Payment, Problems = [400, 404] };

    public static readonly ApiDoc History = new("A payment's operation log",
        "One entry per event, oldest first: version, time, action (recorded, edited, submitted, approved, rejected, withdrawn, deleted), actor and "
        + "each change old → new.")
    { Problems = [404] };

    public static readonly ApiDoc Create = new("Record a payment received against a contract",
        "As a draft: it counts as received once approved (POST /api/payments/{id}/submit, the approval engine). contractId: a contract you reach "
        + "for payment.create (404 contract_not_found), approved (409 contract_not_approved; voided: 409 contract_voided). amount: more than 0, at "
        + "most 2 decimals (400 amount_invalid), at most the contract's amount (422 amount_over_contract); currency: the contract's (422 "
        + "currency_mismatch); receivedOn: yyyy-MM-dd, today (UTC) or earlier (400 received_on_in_future); planId: an instalment of that contract "
        + "(422 plan_unknown). With Idempotency-Key, a retry answers the first response and writes nothing.")
    {
        Request = """
            {"contractId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5b01","amount":30000.00,"receivedOn":"2026-03-10",
            "planId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5c01","method":"bank transfer"}
            """,
        Response = Payment, Status = StatusCodes.Status201Created, Problems = [400, 404, 409, 422],
    };

    public static readonly ApiDoc Update = new("Change a draft or rejected payment",
        "Only the fields sent change (an empty string clears planId, method or remark); the same rules as recording (a voided contract: 409 "
        + "contract_voided naming contractId — delete the payment instead). A pending or approved payment is locked (409 payment_locked). "
        + "If-Match: 412 when it changed since you read it.")
    { Request = """{"amount":28000.00,"remark":"Bank fee deducted"}""", Response = Payment, Problems = [400, 403, 404, 409, 412, 422] };

    public static readonly ApiDoc Delete = new("Delete a draft or rejected payment",
        "A pending or approved payment is locked (409 payment_locked). Its events stay in the store. 404 when it does not exist or is outside your scope.")
    { Problems = [403, 404, 409, 412] };
}
