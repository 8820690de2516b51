using Crm.Host.Platform;
using Crm.Projections.Reports;

namespace Crm.Host.Reports;

/// <summary>The value sets of a report answer, for the OpenAPI document.</summary>
public static class ReportValues
{
    public static IReadOnlyList<string> Reports { get; } = [.. ReportSpecs.All.Select(s => s.Name), ReportEndpoints.Rankings];

    public static IReadOnlyList<string> GroupBys { get; } = [.. ReportSpecs.All.SelectMany(s => s.GroupBys).Distinct()];

    public static IReadOnlyList<string> Formats { get; } = [ReportExport.Csv, ReportExport.Xlsx];
}

/// <summary>A report: what was asked (range, zone, grouping, filters as applied), its measures, its rows and its totals.</summary>
/// <param name="TimeZone">The zone whose days the range and the periods are (the caller's, UTC until they set one).</param>
/// <param name="Measure">Rankings only: the figure ranked.</param>
/// <param name="Measures">The names of the figures every row's values carry, in column order.</param>
/// <param name="Totals">One row per currency (one with currency null in reports that only count): the sums of the rows, rates recomputed.</param>
public sealed record ReportResponse(
    [property: WireValues(typeof(ReportValues), nameof(ReportValues.Reports))] string Report, DateOnly From, DateOnly To, string TimeZone,
    [property: WireValues(typeof(ReportValues), nameof(ReportValues.GroupBys))] string GroupBy,
    [property: WireValues(typeof(ReportRankings), nameof(ReportRankings.Measures))] string? Measure, Guid? UserId, Guid? DepartmentId,
    IReadOnlyList<string> Measures, IReadOnlyList<ReportRowResponse> Rows, IReadOnlyList<ReportRowResponse> Totals);

/// <summary>One row of a report.</summary>
/// <param name="Key">The group: a user's or department's id, a period's first day (yyyy-MM-dd), a product id, or the value grouped by
/// (a source, a kind …); null for records without one (a customer in the public pool, a lead without a source) and on totals rows.</param>
/// <param name="Label">What a reader sees: the user's or department's name, the period (2026-03-02, 2026-W10, 2026-03, 2026-Q1, 2026),
/// the product's name, the value itself; "(none)" without one; "Total" on totals rows.</param>
/// <param name="Currency">The ISO 4217 currency of the row's money (never summed across currencies); null in reports that only count.</param>
/// <param name="Values">The row's figures by measure name; a rate is null when there is nothing to divide by.</param>
/// <param name="Rank">Rankings only: the row's place within its currency (equal figures share a place: 1, 2, 2, 4).</param>
public sealed record ReportRowResponse(string? Key, string Label, string? Currency, IReadOnlyDictionary<string, decimal?> Values, int? Rank)
{
    public static ReportRowResponse From(ReportLine line, IReadOnlyList<string> measures) =>
        new(line.Key, line.Label, line.Currency, measures.Select((m, i) => (m, line.Values[i])).ToDictionary(x => x.m, x => x.Item2), line.Rank);
}
