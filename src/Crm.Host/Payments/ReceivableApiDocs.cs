using Crm.Host.Platform;

namespace Crm.Host.Payments;

/// <summary>What the OpenAPI document says about the receivables (SAL-6), beside the route table.</summary>
internal static class ReceivableApiDocs
{
    private const string Receivable = """
        {"contractId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5b01","contractNumber":"HT-2026-000123","customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21",
        "ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","contractStatus":"approved","currency":"CNY","contractAmount":100000.00,
        "approvedAmount":30000.00,"receivableAmount":70000.00,"paymentsCount":1,"lastReceivedOn":"2026-03-10","nextDueOn":"2026-04-30",
        "nextDueAmount":40000.00,"overdueAmount":0,"daysOverdue":0,"updatedAt":"2026-03-10T09:05:00+00:00","plans":null}
        """;

    private const string Computed = "Computed by the projection daemon: a change shows within a few seconds. Today is the UTC day. Approved payments "
        + "pay the plan's instalments oldest first (planned date, then instalment number).";

    public static readonly ApiDoc List = new("Receivables of approved contracts in your data scope",
        "Per contract: amount, approved payments, receivable = amount − approved, the next instalment not fully paid, what is overdue (unpaid of "
        + "the instalments planned before today) and for how many days. Scoped by payment.list over the contract's owner. Filters: customerId, "
        + "ownerId, overdue=true. Newest contract first; keyset paging with ?cursor=. " + Computed)
    { Response = $$"""{"items":[{{Receivable}}],"nextCursor":null}""", Problems = [400] };

    public static readonly ApiDoc Aging = new("Aging of the receivables in your data scope",
        "Every unpaid instalment planned before today, by days overdue: 0-30 (1 to 30 days), 31-60, 61-90, 90+ — per currency (amounts in different "
        + "currencies are never added). " + Computed)
    {
        Response = """{"today":"2026-05-01","buckets":[{"currency":"CNY","bucket":"0-30","instalments":1,"contracts":1,"amount":40000.00}]}""",
    };

    public static readonly ApiDoc OfContract = new("A contract's receivable with its instalments",
        "The contract must be reachable for payment.list (404 contract_not_found); a voided one has none (409 contract_voided). plans lists "
        + "each instalment with what is left of it. 404 "
        + "receivable_not_ready right after the contract was created, until the daemon has computed it. " + Computed)
    { Response = Receivable, Problems = [404, 409] };

    public static readonly ApiDoc Due = new("Instalments due for a reminder",
        "Instalments of approved contracts in your payment-plan.list scope that approved payments do not fully cover and whose reminder day has "
        + "come (plannedOn − remindDaysBefore ≤ today; plans without remindDaysBefore are never due) — or, with ?days=N, every such instalment "
        + "planned within N days (overdue ones included). Oldest planned date first; keyset paging. " + Computed)
    {
        Response = """
            {"today":"2026-04-25","items":[{"contractId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5b01","contractNumber":"HT-2026-000123",
            "customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
            "planId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5c02","instalment":2,"currency":"CNY","amount":40000.00,"outstanding":40000.00,
            "plannedOn":"2026-04-30","remindOn":"2026-04-23","method":"bank transfer","daysUntilDue":5}],"nextCursor":null}
            """,
        Problems = [400],
    };
}
