using System.Globalization;

namespace Crm.Projections.Reports;

/// <summary>
/// Turns the rows SQL grouped into a report: days folded into the asked period, rows of one group and currency summed, derived
/// measures (rates) computed from the sums, the order fixed, and one totals row per currency. Every stored measure is additive
/// (counts and sums), so a period's or a total's figure is the sum of its rows'.
/// </summary>
public static class ReportFolding
{
    /// <summary>The label of a group without a value (a customer without a source, a customer in the public pool).</summary>
    public const string NoneLabel = "(none)";

    public const string TotalLabel = "Total";

    public static ReportTable Fold(IReadOnlyList<string> measures, IEnumerable<ReportLine> raw, string groupBy,
        Func<IReadOnlyList<decimal?>, IReadOnlyList<decimal?>>? derive = null)
    {
        derive ??= v => v;
        var period = ReportGroupBy.IsPeriod(groupBy);
        var lines = period ? raw.Select(l => ToPeriod(l, groupBy)) : raw;
        var rows = lines.GroupBy(l => (l.Key, l.Currency))
            .Select(g => new ReportLine(g.Key.Key, g.Select(l => l.Label).FirstOrDefault(l => l != NoneLabel) ?? NoneLabel, g.Key.Currency,
                derive(Sum(g, measures.Count))))
            .ToList();
        var ordered = period
            ? rows.OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Currency, StringComparer.Ordinal)
            : rows.OrderBy(r => r.Currency, StringComparer.Ordinal).ThenByDescending(r => r.Values.Count > 0 ? r.Values[0] ?? 0 : 0)
                .ThenBy(r => r.Label, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal);
        var totals = rows.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReportLine(null, TotalLabel, g.Key, derive(Sum(g, measures.Count)))).ToList();
        return new ReportTable(measures, [.. ordered], totals);
    }

    /// <summary>A row keyed by a local day (yyyy-MM-dd), re-keyed by its period's first day and labelled as the period reads.</summary>
    public static ReportLine ToPeriod(ReportLine line, string period)
    {
        var day = DateOnly.ParseExact(line.Key!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var start = ReportPeriods.StartOf(day, period);
        return line with { Key = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Label = ReportPeriods.Label(start, period) };
    }

    private static decimal?[] Sum(IEnumerable<ReportLine> lines, int count)
    {
        var sums = new decimal?[count];
        foreach (var line in lines)
        {
            for (var i = 0; i < count && i < line.Values.Count; i++) sums[i] = line.Values[i] is { } v ? (sums[i] ?? 0) + v : sums[i];
        }
        return sums;
    }

    /// <summary>part × 100 / whole, 2 decimals half away from zero; null when whole is none.</summary>
    public static decimal? Percent(decimal? part, decimal? whole) =>
        whole is > 0 ? decimal.Round((part ?? 0) * 100 / whole.Value, 2, MidpointRounding.AwayFromZero) : null;
}
