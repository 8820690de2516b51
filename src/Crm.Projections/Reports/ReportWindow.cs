using Crm.Projections.Calendar;

namespace Crm.Projections.Reports;

/// <summary>
/// A report's date range: whole days of the caller's time zone, <paramref name="From"/> and <paramref name="To"/> inclusive.
/// Records stamped with a time count when the time falls in [<see cref="Start"/>, <see cref="End"/>); records with a date
/// (payments received, instalments planned) when the date lies between the two days.
/// </summary>
/// <param name="Today">The caller's today: instalments planned before it and not paid are overdue.</param>
public sealed record ReportWindow(DateOnly From, DateOnly To, string TimeZone, DateOnly Today)
{
    public DateTimeOffset Start => CalendarZones.StartOfDay(From, TimeZone);

    public DateTimeOffset End => CalendarZones.StartOfDay(To.AddDays(1), TimeZone);
}
