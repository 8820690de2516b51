namespace Crm.Projections.Reports;

/// <summary>
/// One row of a report: its group (the key, e.g. a user id or a period's first day, and the label a reader sees), the currency its
/// money is in (null in reports that only count) and its measures in the report's column order (null: not defined, e.g. a rate of none).
/// </summary>
public sealed record ReportLine(string? Key, string Label, string? Currency, IReadOnlyList<decimal?> Values, int? Rank = null);

/// <summary>A report: its measures (column names), its rows, and its totals — one per currency, money never added across currencies.</summary>
public sealed record ReportTable(IReadOnlyList<string> Measures, IReadOnlyList<ReportLine> Rows, IReadOnlyList<ReportLine> Totals);
