using Crm.Events.Settings;

namespace Crm.Events;

/// <summary>The bounds of one currency's spend classes.</summary>
public sealed record SpendBounds(string Currency, IReadOnlyList<decimal> Amounts);

/// <summary>
/// What administrators configure for CUS-10's derived classes: four ascending bounds per measure cut five classes, 5 the best.
/// Recency: days since the last approved contract, ≤ bound 1 → 5 … &gt; bound 4 → 1. Frequency and monetary: ≥ bound 4 → 5 …
/// &lt; bound 1 → 1. Monetary is per currency: amounts are never added across currencies (no rates here), and a currency without
/// bounds does not count.
/// </summary>
public sealed record CustomerClassThresholds(
    IReadOnlyList<int> RecencyDays, IReadOnlyList<int> FrequencyCounts, string MonetaryBasis, IReadOnlyList<SpendBounds> Monetary)
{
    public const int Bounds = 4;
    public const string Contracts = "contracts";
    public const string Payments = "payments";

    public static IReadOnlyList<string> Bases { get; } = [Contracts, Payments];

    /// <summary>Until an administrator says otherwise: recent within a month, frequent from 10 deals, spend bands in CNY.</summary>
    public static CustomerClassThresholds Defaults { get; } = new([30, 90, 180, 365], [2, 3, 5, 10], Contracts,
        [new SpendBounds("CNY", [10_000m, 50_000m, 200_000m, 1_000_000m])]);

    public static CustomerClassThresholds From(CustomerClassesChanged e) => new([.. e.RecencyDays], [.. e.FrequencyCounts], e.MonetaryBasis,
        [.. e.Monetary.Select(m => new SpendBounds(m.Currency, [.. m.Amounts]))]);

    public CustomerClassesChanged ToEvent() =>
        new([.. RecencyDays], [.. FrequencyCounts], MonetaryBasis, [.. Monetary.Select(m => new CustomerClassesChanged.Spend(m.Currency, [.. m.Amounts]))]);

    /// <summary>Equal in every bound (records compare lists by reference).</summary>
    public bool SameAs(CustomerClassThresholds other) =>
        RecencyDays.SequenceEqual(other.RecencyDays) && FrequencyCounts.SequenceEqual(other.FrequencyCounts) && MonetaryBasis == other.MonetaryBasis
        && Monetary.Count == other.Monetary.Count
        && Monetary.Zip(other.Monetary).All(p => p.First.Currency == p.Second.Currency && p.First.Amounts.SequenceEqual(p.Second.Amounts));
}
