namespace Crm.Projections.Tasks;

/// <summary>
/// The workbench's buckets (WORK-2) and where a day starts: days are UTC days (users have no time zone yet). An open task is in
/// inbox (no due date), overdue (due before now), today (due from now to the end of today), next (due in the 7 days after today) or
/// later (after that); a completed one is done. Moving a task into a bucket gives it that bucket's due time (<see cref="DueFor"/>).
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

    /// <summary>The moments the buckets split at, for "now".</summary>
    public sealed record Bounds(DateTimeOffset Now, DateTimeOffset TomorrowStart, DateTimeOffset LaterStart);

    public static Bounds At(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var tomorrow = new DateTimeOffset(utc.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        return new Bounds(utc, tomorrow, tomorrow.AddDays(NextDays));
    }

    /// <summary>
    /// The due time a move into <paramref name="bucket"/> sets: inbox none; today the end of today; next the end of tomorrow; later the
    /// end of the first day after the next-7-days window. Done keeps the due time (the task is completed); overdue is not a target.
    /// </summary>
    public static DateTimeOffset? DueFor(string bucket, DateTimeOffset now)
    {
        var b = At(now);
        var second = TimeSpan.FromSeconds(1);
        return bucket switch
        {
            Today => b.TomorrowStart - second,
            Next => b.TomorrowStart.AddDays(1) - second,
            Later => b.LaterStart.AddDays(1) - second,
            _ => null,
        };
    }

    /// <summary>The bucket a task is in at <paramref name="now"/>; null for an archived task.</summary>
    public static string? Of(string status, DateTimeOffset? due, DateTimeOffset now)
    {
        if (status == TaskStatuses.Completed) return Done;
        if (status != TaskStatuses.Open) return null;
        var b = At(now);
        return due is not { } at ? Inbox : at < b.Now ? Overdue : at < b.TomorrowStart ? Today : at < b.LaterStart ? Next : Later;
    }
}
