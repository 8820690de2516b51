namespace Crm.Projections.Reports;

/// <summary>
/// The ranking report's order: per currency, the groups by their figure, highest first; equal figures share a rank and the next
/// rank skips as many places (1, 2, 2, 4), as a sports table does. Ties are listed by label.
/// </summary>
public static class ReportRanks
{
    public static ReportTable Rank(ReportTable table)
    {
        var ranked = new List<ReportLine>();
        foreach (var currency in table.Rows.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = currency.OrderByDescending(Figure).ThenBy(r => r.Label, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal)
                .ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var rank = i > 0 && Figure(ordered[i]) == Figure(ordered[i - 1]) ? ranked[^1].Rank : i + 1;
                ranked.Add(ordered[i] with { Rank = rank });
            }
        }
        return table with { Rows = ranked };
    }

    private static decimal Figure(ReportLine line) => line.Values.Count > 0 ? line.Values[0] ?? 0 : 0;
}
