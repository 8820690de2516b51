namespace Crm.Events.Settings;

/// <summary>
/// The thresholds of the customers' derived classes (CUS-10: recency, frequency, monetary) changed, as one snapshot of the whole
/// configuration (one stream with a fixed id). Each list holds four ascending bounds that cut five classes, 5 the best.
/// </summary>
/// <param name="RecencyDays">Days since the last approved contract: at most the first bound is class 5, more than the last is 1.</param>
/// <param name="FrequencyCounts">Approved contracts (not voided): fewer than the first bound is class 1, at least the last is 5.</param>
/// <param name="MonetaryBasis">contracts (approved contract amounts) or payments (approved payments received).</param>
/// <param name="Monetary">Per currency, the amounts that cut the spend classes as frequency's counts do; other currencies do not count.</param>
public sealed record CustomerClassesChanged(
    IReadOnlyList<int> RecencyDays, IReadOnlyList<int> FrequencyCounts, string MonetaryBasis, IReadOnlyList<CustomerClassesChanged.Spend> Monetary)
{
    /// <summary>The spend bounds of one currency (ISO 4217).</summary>
    public sealed record Spend(string Currency, IReadOnlyList<decimal> Amounts);
}
