namespace Crm.Projections.Reports;

/// <summary>What a report's rows are grouped by (groupBy): a dimension of the records, or a period of the caller's calendar.</summary>
public static class ReportGroupBy
{
    public const string User = "user";
    public const string Department = "department";
    public const string Day = "day";
    public const string Week = "week";
    public const string Month = "month";
    public const string Quarter = "quarter";
    public const string Year = "year";
    public const string Source = "source";
    public const string Industry = "industry";
    public const string Level = "level";
    public const string Stage = "stage";
    public const string Kind = "kind";
    public const string Product = "product";

    /// <summary>The periods, shortest first; days, weeks … are the caller's (their time zone), weeks ISO weeks starting on Monday.</summary>
    public static IReadOnlyList<string> Periods { get; } = [Day, Week, Month, Quarter, Year];

    public static bool IsPeriod(string groupBy) => Periods.Contains(groupBy);
}
