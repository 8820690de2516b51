using Crm.Projections.Calendar;

namespace Crm.Projections.Tasks;

/// <summary>
/// The workbench's buckets (WORK-2) and where a day starts: days are the user's days, in their time zone (an IANA id; DST-correct through
/// NodaTime's tz database, <see cref="CalendarZones"/>). An open task is in inbox (no due date), overdue (due before now), today (due
/// from now to the end of today), next (due in the 7 days after today) or later (after that); a completed one is done. Moving a task
/// into a bucket gives it that bucket's due time (<see cref="DueFor"/>).
/// </summary>
public static class WorkbenchBuckets
{
    public const string Inbox = "inbox";
    public const string Overdue = "overdue";
    public const string Today = "today";
    public const string Next = "next";
    public const string Later = "later";
    public const string Done = "done";

    public const int NextDays = 7;

    public static IReadOnlyList<string> All { get; } = [Inbox, Overdue, Today, Next, Later, Done];

    /// <summary>
    /// The moments the buckets split at, for "now" in a zone: tomorrow's and the day after the 7-day window's starts (local midnights, as
    /// instants), and the starts of the day after tomorrow and of the window's first day after, whose last second a move sets.
    /// </summary>
    public sealed record Bounds(DateTimeOffset Now, string TimeZone, DateTimeOffset TomorrowStart, DateTimeOffset LaterStart,
        DateTimeOffset DayAfterTomorrowStart, DateTimeOffset DayAfterLaterStart);

    /// <summary>The bounds at <paramref name="now"/> in <paramref name="timeZone"/> (an IANA id; an unknown one counts as UTC).</summary>
    public static Bounds At(DateTimeOffset now, string timeZone)
    {
        var zone = CalendarZones.IsKnown(timeZone) ? timeZone : CalendarZones.Default;
        var today = CalendarZones.Local(now, zone).Date.ToDateOnly();
        DateTimeOffset Start(int days) => CalendarZones.StartOfDay(today.AddDays(days), zone);
        return new Bounds(now.ToUniversalTime(), zone, Start(1), Start(1 + NextDays), Start(2), Start(2 + NextDays));
    }

    /// <summary>
    /// The due time a move into <paramref name="bucket"/> sets: inbox none; today the end of today; next the end of tomorrow; later the
    /// end of the first day after the next-7-days window (each the last second of that local day). Done keeps the due time (the task is
    /// completed); overdue is not a target.
    /// </summary>
    public static DateTimeOffset? DueFor(string bucket, Bounds b)
    {
        var second = TimeSpan.FromSeconds(1);
        return bucket switch
        {
            Today => b.TomorrowStart - second,
            Next => b.DayAfterTomorrowStart - second,
            Later => b.DayAfterLaterStart - second,
            _ => null,
        };
    }

    /// <summary>The bucket a task is in at the bounds' now; null for an archived task.</summary>
    public static string? Of(string status, DateTimeOffset? due, Bounds b)
    {
        if (status == TaskStatuses.Completed) return Done;
        if (status != TaskStatuses.Open) return null;
        return due is not { } at ? Inbox : at < b.Now ? Overdue : at < b.TomorrowStart ? Today : at < b.LaterStart ? Next : Later;
    }
}
