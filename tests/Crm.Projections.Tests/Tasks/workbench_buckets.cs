using Crm.Projections.Tasks;

namespace Crm.Projections.Tests.Tasks;

/// <summary>The bucket rule (docs/work.md, "The workbench") at its edges: the user's days, now, the 7-day window, DST.</summary>
public sealed class workbench_buckets
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T22:30:00+00:00");

    private static WorkbenchBuckets.Bounds Utc => WorkbenchBuckets.At(Now, "UTC");

    [Theory]
    [InlineData(null, "open", "inbox")]
    [InlineData("2026-03-01T22:29:59Z", "open", "overdue")]
    [InlineData("2026-03-01T22:30:00Z", "open", "today")]
    [InlineData("2026-03-01T23:59:59Z", "open", "today")]
    [InlineData("2026-03-02T00:00:00Z", "open", "next")]
    [InlineData("2026-03-08T23:59:59Z", "open", "next")]
    [InlineData("2026-03-09T00:00:00Z", "open", "later")]
    [InlineData("2026-02-01T00:00:00Z", "completed", "done")]
    [InlineData("2026-03-02T08:00:00+08:00", "open", "next")]
    public void a_task_is_in_the_bucket_of_its_due_time(string? due, string status, string bucket) =>
        Assert.Equal(bucket, WorkbenchBuckets.Of(status, due is null ? null : DateTimeOffset.Parse(due), Utc));

    [Fact]
    public void an_archived_task_is_in_no_bucket() => Assert.Null(WorkbenchBuckets.Of(TaskStatuses.Archived, null, Utc));

    [Fact]
    public void a_move_gives_the_due_time_of_its_bucket_and_it_lands_there()
    {
        Assert.Null(WorkbenchBuckets.DueFor(WorkbenchBuckets.Inbox, Utc));
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T23:59:59Z"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Today, Utc));
        Assert.Equal(DateTimeOffset.Parse("2026-03-02T23:59:59Z"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Next, Utc));
        Assert.Equal(DateTimeOffset.Parse("2026-03-09T23:59:59Z"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Later, Utc));
        foreach (var bucket in new[] { WorkbenchBuckets.Today, WorkbenchBuckets.Next, WorkbenchBuckets.Later })
            Assert.Equal(bucket, WorkbenchBuckets.Of(TaskStatuses.Open, WorkbenchBuckets.DueFor(bucket, Utc), Utc));
    }

    // 2026-12-03T23:30Z is already 07:30 on 4 December in Shanghai: its "today" is the UTC user's "next".
    [Theory]
    [InlineData("2026-12-04T15:00:00+08:00", "Asia/Shanghai", "today")]
    [InlineData("2026-12-04T15:00:00+08:00", "UTC", "next")]
    [InlineData("2026-12-04T23:59:59+08:00", "Asia/Shanghai", "today")]
    [InlineData("2026-12-05T00:00:00+08:00", "Asia/Shanghai", "next")]
    [InlineData("2026-12-11T23:59:59+08:00", "Asia/Shanghai", "next")]
    [InlineData("2026-12-12T00:00:00+08:00", "Asia/Shanghai", "later")]
    [InlineData("2026-12-11T23:59:59Z", "UTC", "later")]
    // 07:00 in Shanghai on the 4th is 23:00Z on the 3rd: half an hour before this now, so overdue in every zone.
    [InlineData("2026-12-04T07:00:00+08:00", "Asia/Shanghai", "overdue")]
    [InlineData("2026-12-04T07:00:00+08:00", "UTC", "overdue")]
    public void days_begin_at_the_users_midnight(string due, string zone, string bucket) =>
        Assert.Equal(bucket, WorkbenchBuckets.Of(TaskStatuses.Open, DateTimeOffset.Parse(due),
            WorkbenchBuckets.At(DateTimeOffset.Parse("2026-12-03T23:30:00Z"), zone)));

    [Fact]
    public void a_move_ends_on_the_users_day()
    {
        var shanghai = WorkbenchBuckets.At(DateTimeOffset.Parse("2026-12-03T23:30:00Z"), "Asia/Shanghai");
        Assert.Equal("Asia/Shanghai", shanghai.TimeZone);
        Assert.Equal(DateTimeOffset.Parse("2026-12-04T23:59:59+08:00"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Today, shanghai));
        Assert.Equal(DateTimeOffset.Parse("2026-12-05T23:59:59+08:00"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Next, shanghai));
        Assert.Equal(DateTimeOffset.Parse("2026-12-12T23:59:59+08:00"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Later, shanghai));
    }

    // New York leaves summer time at 02:00 on 1 November 2026 (EDT -4 → EST -5): that day has 25 hours, and every later midnight is
    // at 05:00Z, not 04:00Z. A bound taken as "now's offset" would start "later" an hour early.
    [Theory]
    [InlineData("2026-11-01T03:59:59Z", "today")]
    [InlineData("2026-11-01T04:00:00Z", "next")]
    [InlineData("2026-11-08T04:30:00Z", "next")]
    [InlineData("2026-11-08T04:59:59Z", "next")]
    [InlineData("2026-11-08T05:00:00Z", "later")]
    public void the_days_follow_daylight_saving_time_when_it_ends(string due, string bucket) =>
        Assert.Equal(bucket, WorkbenchBuckets.Of(TaskStatuses.Open, DateTimeOffset.Parse(due), NewYorkBeforeFallBack));

    private static WorkbenchBuckets.Bounds NewYorkBeforeFallBack => WorkbenchBuckets.At(DateTimeOffset.Parse("2026-10-31T12:00:00-04:00"), "America/New_York");

    [Fact]
    public void a_move_across_a_change_of_daylight_saving_time_ends_at_local_midnight()
    {
        var autumn = NewYorkBeforeFallBack;
        Assert.Equal(DateTimeOffset.Parse("2026-10-31T23:59:59-04:00"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Today, autumn));
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T23:59:59-05:00"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Next, autumn));
        Assert.Equal(DateTimeOffset.Parse("2026-11-08T23:59:59-05:00"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Later, autumn));
        // Spring: 8 March 2026 jumps from 02:00 EST to 03:00 EDT (a 23-hour day).
        var spring = WorkbenchBuckets.At(DateTimeOffset.Parse("2026-03-07T12:00:00-05:00"), "America/New_York");
        Assert.Equal(DateTimeOffset.Parse("2026-03-08T00:00:00-05:00"), spring.TomorrowStart);
        Assert.Equal(DateTimeOffset.Parse("2026-03-08T23:59:59-04:00"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Next, spring));
        Assert.Equal(DateTimeOffset.Parse("2026-03-15T00:00:00-04:00"), spring.LaterStart);
    }

    [Fact]
    public void an_unknown_zone_counts_as_utc() =>
        Assert.Equal(WorkbenchBuckets.At(Now, "UTC"), WorkbenchBuckets.At(Now, "Mars/Olympus_Mons"));
}
