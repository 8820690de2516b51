using System.Globalization;

namespace Crm.Projections.Reports;

/// <summary>
/// Folding days into periods: SQL groups the records by the caller's local day, and the days are folded here into weeks (ISO,
/// Monday first), months, quarters and years, so the bucketing is plain code every period shares.
/// </summary>
public static class ReportPeriods
{
    /// <summary>The first day of the period that holds <paramref name="day"/>.</summary>
    public static DateOnly StartOf(DateOnly day, string period) => period switch
    {
        ReportGroupBy.Day => day,
        ReportGroupBy.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        ReportGroupBy.Month => new DateOnly(day.Year, day.Month, 1),
        ReportGroupBy.Quarter => new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1),
        ReportGroupBy.Year => new DateOnly(day.Year, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Not a period."),
    };

    /// <summary>How a period reads in a report: 2026-03-02, 2026-W10, 2026-03, 2026-Q1, 2026.</summary>
    public static string Label(DateOnly start, string period)
    {
        var at = start.ToDateTime(TimeOnly.MinValue);
        return period switch
        {
            ReportGroupBy.Day => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ReportGroupBy.Week => string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(at)}-W{ISOWeek.GetWeekOfYear(at):00}"),
            ReportGroupBy.Month => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            ReportGroupBy.Quarter => string.Create(CultureInfo.InvariantCulture, $"{start.Year}-Q{((start.Month - 1) / 3) + 1}"),
            ReportGroupBy.Year => start.Year.ToString(CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Not a period."),
        };
    }
}
