using Crm.Projections.Filtering;
using static Crm.Projections.Classification.CustomerClassSql;

namespace Crm.Projections.Classification;

/// <summary>The customer list's filter fields of CUS-10's classes and their facts, over crm.customers aliased c.</summary>
public static class CustomerClassFilterFields
{
    public static IReadOnlyList<FilterField> All { get; } =
    [
        new("recencyClass", Recency("c.id"), FilterType.Decimal),
        new("frequencyClass", Frequency("c.id"), FilterType.Decimal),
        new("monetaryClass", Monetary("c.id"), FilterType.Decimal),
        new("contractCount", $"coalesce({FactOf("f.contract_count", "c.id")}, 0)", FilterType.Decimal),
        new("daysSinceLastContract", DaysSinceLastContract("c.id"), FilterType.Decimal),
        new("firstContractAt", FactOf("f.first_contract_at", "c.id"), FilterType.Timestamp),
        new("lastContractAt", FactOf("f.last_contract_at", "c.id"), FilterType.Timestamp),
        new("lastPaymentOn", $"({FactOf("f.last_payment_on", "c.id")}::timestamp at time zone 'utc')", FilterType.Timestamp),
    ];

    /// <summary>
    /// The fields over the facts under the classes (counts, dates): they sum contracts and payments of any owner, so only a caller
    /// whose contract.list and payment.list scopes are everyone may filter by them — filtering is reading, one bit at a time.
    /// </summary>
    public static IReadOnlySet<string> Facts { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "contractCount", "daysSinceLastContract", "firstContractAt", "lastContractAt", "lastPaymentOn" };
}
