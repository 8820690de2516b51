namespace Crm.Projections.Dashboard;

/// <summary>
/// A dashboard period in the caller's calendar: its days [First, Last] and the period it is compared with. Named periods are whole
/// calendar periods (a week runs Monday to Sunday); the previous one is the calendar period before it; a custom one is compared
/// with the same number of days just before it.
/// </summary>
public sealed record DashboardPeriod(string Name, DateOnly First, DateOnly Last, DateOnly PreviousFirst, DateOnly PreviousLast)
{
    public const string Custom = "custom";

    public static IReadOnlyList<string> Names { get; } =
    [
        "today", "yesterday", "this_week", "last_week", "this_month", "last_month", "this_quarter", "last_quarter", "this_year", "last_year",
        Custom,
    ];

    /// <summary>The period of <paramref name="name"/> around <paramref name="today"/>; from and to only for a custom one.</summary>
    public static DashboardPeriod Of(string name, DateOnly today, DateOnly from = default, DateOnly to = default)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var year = new DateOnly(today.Year, 1, 1);
        return name switch
        {
            "today" => Days(name, today, today),
            "yesterday" => Days(name, today.AddDays(-1), today.AddDays(-1)),
            "this_week" => Days(name, monday, monday.AddDays(6)),
            "last_week" => Days(name, monday.AddDays(-7), monday.AddDays(-1)),
            "this_month" => Months(name, month, 1),
            "last_month" => Months(name, month.AddMonths(-1), 1),
            "this_quarter" => Months(name, quarter, 3),
            "last_quarter" => Months(name, quarter.AddMonths(-3), 3),
            "this_year" => Months(name, year, 12),
            "last_year" => Months(name, year.AddYears(-1), 12),
            Custom => Days(name, from, to),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a dashboard period."),
        };
    }

    /// <summary>The twelve calendar months ending with the period's last one, oldest first (the trend's months).</summary>
    public IReadOnlyList<DateOnly> TrendMonths()
    {
        var end = new DateOnly(Last.Year, Last.Month, 1);
        return Enumerable.Range(0, 12).Select(i => end.AddMonths(i - 11)).ToList();
    }

    // A run of days compared with as many days just before it.
    private static DashboardPeriod Days(string name, DateOnly first, DateOnly last)
    {
        var length = last.DayNumber - first.DayNumber + 1;
        return new DashboardPeriod(name, first, last, first.AddDays(-length), first.AddDays(-1));
    }

    // Whole calendar months compared with the same number of months before them (a month's length varies, so not by days).
    private static DashboardPeriod Months(string name, DateOnly first, int months) =>
        new(name, first, first.AddMonths(months).AddDays(-1), first.AddMonths(-months), first.AddDays(-1));
}
