using Crm.Projections.Tasks;

namespace Crm.Projections.Tests.Tasks;

/// <summary>The bucket rule (docs/work.md, "The workbench") at its edges: UTC days, now, the 7-day window.</summary>
public sealed class workbench_buckets
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T22:30:00+00:00");

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
        Assert.Equal(bucket, WorkbenchBuckets.Of(status, due is null ? null : DateTimeOffset.Parse(due), Now));

    [Fact]
    public void an_archived_task_is_in_no_bucket() => Assert.Null(WorkbenchBuckets.Of(TaskStatuses.Archived, null, Now));

    [Fact]
    public void a_move_gives_the_due_time_of_its_bucket_and_it_lands_there()
    {
        Assert.Null(WorkbenchBuckets.DueFor(WorkbenchBuckets.Inbox, Now));
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T23:59:59Z"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Today, Now));
        Assert.Equal(DateTimeOffset.Parse("2026-03-02T23:59:59Z"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Next, Now));
        Assert.Equal(DateTimeOffset.Parse("2026-03-09T23:59:59Z"), WorkbenchBuckets.DueFor(WorkbenchBuckets.Later, Now));
        foreach (var bucket in new[] { WorkbenchBuckets.Today, WorkbenchBuckets.Next, WorkbenchBuckets.Later })
            Assert.Equal(bucket, WorkbenchBuckets.Of(TaskStatuses.Open, WorkbenchBuckets.DueFor(bucket, Now), Now));
    }
}
