using Crm.Events;
using System.Globalization;

namespace Crm.Projections.Classification;

/// <summary>
/// THE place where a customer's classes are computed (CUS-10): SQL over crm.customer_facts and crm.customer_spend, today's date (UTC)
/// and the thresholds as configured now (crm.customer_class_settings, else <see cref="CustomerClassThresholds.Defaults"/>). The list
/// filters and the answers (lists, detail, scenes) all use these expressions, so a class shown is the class filtered on, and neither
/// a change of thresholds nor the passing of days needs a recomputation. Each takes the SQL of a customer id (c.id) and is one
/// scalar subquery probing the facts by primary key.
/// </summary>
public static class CustomerClassSql
{
    private static readonly CustomerClassThresholds Defaults = CustomerClassThresholds.Defaults;

    /// <summary>Today as a UTC date: recency counts whole days.</summary>
    public const string Today = "(now() at time zone 'utc')::date";

    private static string Setting(string column, string fallback) => $"coalesce((select s.{column} from crm.customer_class_settings s), {fallback})";

    private static string Ints(IEnumerable<int> values) => $"'{{{string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}}}'::int[]";

    private static readonly string RecencyDays = Setting("recency_days", Ints(Defaults.RecencyDays));
    private static readonly string FrequencyCounts = Setting("frequency_counts", Ints(Defaults.FrequencyCounts));
    private static readonly string MonetaryBasis = Setting("monetary_basis", $"'{Defaults.MonetaryBasis}'");
    private static readonly string MonetaryBounds = Setting("monetary", $"'{CustomerClassSettingsSql.MonetaryJson(Defaults)}'::jsonb");

    /// <summary>1 + the number of bounds <paramref name="value"/> reaches (bounds b[1..4], ascending): 1 to 5.</summary>
    private static string Reached(string value, Func<int, string> bound) =>
        "1" + string.Concat(Enumerable.Range(1, CustomerClassThresholds.Bounds).Select(i => $" + ({value} >= {bound(i)})::int"));

    /// <summary>5 − the number of bounds <paramref name="days"/> exceeds: at most the first bound is 5, beyond the last is 1.</summary>
    private static string Within(string days, string bounds) =>
        "5" + string.Concat(Enumerable.Range(1, CustomerClassThresholds.Bounds).Select(i => $" - ({days} > {bounds}[{i}])::int"));

    /// <summary>Days since the last counted contract (approval, UTC day); null without one.</summary>
    public static string DaysSinceLastContract(string customerId) =>
        $"(select {Today} - (f.last_contract_at at time zone 'utc')::date from crm.customer_facts f where f.customer_id = {customerId})";

    /// <summary>Recency class 1–5 (5: most recent); null without a counted contract.</summary>
    public static string Recency(string customerId) =>
        $"(select {Within("d.days", "t.r")} from crm.customer_facts f "
        + $"cross join lateral (select {Today} - (f.last_contract_at at time zone 'utc')::date as days) d "
        + $"cross join (select {RecencyDays} as r) t where f.customer_id = {customerId} and f.last_contract_at is not null)";

    /// <summary>Frequency class 1–5 (5: most contracts); null without a counted contract.</summary>
    public static string Frequency(string customerId) =>
        $"(select {Reached("f.contract_count", i => $"t.b[{i}]")} from crm.customer_facts f cross join (select {FrequencyCounts} as b) t "
        + $"where f.customer_id = {customerId} and f.contract_count > 0)";

    /// <summary>
    /// Monetary class 1–5: the best class the customer reaches in any currency that has bounds, by contract amounts or payments
    /// received (the basis); null when it has spent nothing in such a currency.
    /// </summary>
    public static string Monetary(string customerId) =>
        $"(select max({Reached("x.v", i => $"(x.m->>{i - 1})::numeric")}) from crm.customer_spend sp "
        + $"cross join (select {MonetaryBasis} as basis, {MonetaryBounds} as bounds) t "
        + "cross join lateral (select t.bounds -> sp.currency as m, "
        + $"case when t.basis = '{CustomerClassThresholds.Payments}' then sp.payments_received else sp.contract_amount end as v) x "
        + $"where sp.customer_id = {customerId} and x.m is not null)";

    /// <summary>An expression over the customer's facts row, aliased f (null without one): FactOf("f.contract_count", "c.id").</summary>
    public static string FactOf(string expression, string customerId) => $"(select {expression} from crm.customer_facts f where f.customer_id = {customerId})";
}
