using System.Globalization;
using Crm.Host.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Tasks;

/// <summary>The workbench (WORK-2) against a clock set to noon UTC today, so "today", "next" and "later" never straddle midnight.</summary>
public sealed class using_the_workbench(using_the_workbench.NoonHost host) : IClassFixture<using_the_workbench.NoonHost>
{
    public sealed class NoonHost : HostFixture
    {
        public ShiftingClock Clock { get; } = new();

        public NoonHost()
        {
            var now = DateTimeOffset.UtcNow;
            Clock.Advance(new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(12) - now);
        }

        public DateTimeOffset Today => new(Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }

    private static string Ids(params Guid[] ids) => string.Join(",", ids);

    private static string At(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [Fact]
    public async Task tasks_fall_into_buckets_by_due_time_and_a_move_sets_the_due_time_by_the_bucket_rule()
    {
        var (meId, me) = await host.ColleagueAsync(null, "self", Worker);
        var (_, colleague) = await host.ColleagueAsync(null, "self", Worker);
        var today = host.Today;
        var inbox = await me.CreateTaskAsync(new { name = "Someday" });
        var overdue = await me.CreateTaskAsync(new { name = "Yesterday's", dueAt = At(today.AddHours(-3)) });
        var dueToday = await me.CreateTaskAsync(new { name = "This evening", dueAt = At(today.AddHours(18)) });
        var next = await me.CreateTaskAsync(new { name = "In three days", dueAt = At(today.AddDays(3)) });
        var later = await me.CreateTaskAsync(new { name = "Next month", dueAt = At(today.AddDays(30)) });
        var done = await me.CreateTaskAsync(new { name = "Done already" });
        await me.CallAsync("POST", $"{Route}/{done.Id()}/complete");
        var taking = await colleague.CreateTaskAsync(new { name = "Theirs, with me", participantIds = new[] { meId } });
        await colleague.CreateTaskAsync(new { name = "Theirs alone" });

        var workbench = await me.GetJsonAsync("/api/workbench");
        var buckets = workbench.GetProperty("buckets").EnumerateArray().ToDictionary(b => b.Text("bucket"),
            b => (b.GetProperty("count").GetInt64(), string.Join(",", b.GetProperty("items").EnumerateArray().Select(i => i.Id()))));
        Assert.Equal(["inbox", "overdue", "today", "next", "later", "done"], buckets.Keys);
        Assert.Equal((2L, Ids(inbox.Id(), taking.Id())), buckets["inbox"]);
        Assert.Equal((1L, Ids(overdue.Id())), buckets["overdue"]);
        Assert.Equal((1L, Ids(dueToday.Id())), buckets["today"]);
        Assert.Equal((1L, Ids(next.Id())), buckets["next"]);
        Assert.Equal((1L, Ids(later.Id())), buckets["later"]);
        Assert.Equal((1L, Ids(done.Id())), buckets["done"]);

        var moved = await me.CallAsync("POST", $"{Route}/{inbox.Id()}/move", new { bucket = "today" });
        Assert.Equal((At(today.AddDays(1).AddSeconds(-1)), "today"), (At(moved.GetProperty("dueAt").GetDateTimeOffset()), moved.Text("bucket")));
        moved = await me.CallAsync("POST", $"{Route}/{inbox.Id()}/move", new { bucket = "next" });
        Assert.Equal((At(today.AddDays(2).AddSeconds(-1)), "next"), (At(moved.GetProperty("dueAt").GetDateTimeOffset()), moved.Text("bucket")));
        moved = await me.CallAsync("POST", $"{Route}/{inbox.Id()}/move", new { bucket = "later" });
        Assert.Equal((At(today.AddDays(9).AddSeconds(-1)), "later"), (At(moved.GetProperty("dueAt").GetDateTimeOffset()), moved.Text("bucket")));
        moved = await me.CallAsync("POST", $"{Route}/{overdue.Id()}/move", new { bucket = "inbox" });
        Assert.Equal((System.Text.Json.JsonValueKind.Null, "inbox"), (moved.GetProperty("dueAt").ValueKind, moved.Text("bucket")));
        moved = await me.CallAsync("POST", $"{Route}/{next.Id()}/move", new { bucket = "done" });
        Assert.Equal(("completed", "done"), (moved.Text("status"), moved.Text("bucket")));
        moved = await me.CallAsync("POST", $"{Route}/{next.Id()}/move", new { bucket = "today" });
        Assert.Equal(("open", "today"), (moved.Text("status"), moved.Text("bucket")));
        await me.RefusedAsync("POST", $"{Route}/{later.Id()}/move", new { bucket = "overdue" }, 400, "bucket", "bucket_invalid");
        await me.RefusedAsync("POST", $"{Route}/{later.Id()}/move", new { }, 400, "bucket", "bucket_invalid");
        var history = (await me.GetJsonAsync($"{Route}/{inbox.Id()}/history")).GetProperty("items");
        Assert.All(history.EnumerateArray().Skip(1), e => Assert.Equal("task.edited", e.Text("eventType")));
    }

    [Fact]
    public async Task one_bucket_is_paged_with_its_cursor()
    {
        var (_, me) = await host.ColleagueAsync(null, "self", Worker);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add((await me.CreateTaskAsync(new { name = $"Inbox {i}" })).Id());
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await me.GetJsonAsync("/api/workbench?bucket=inbox&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            var bucket = Assert.Single(page.GetProperty("buckets").EnumerateArray());
            Assert.Equal(3, bucket.GetProperty("count").GetInt64());
            seen.AddRange(bucket.GetProperty("items").EnumerateArray().Select(t => t.Id()));
            cursor = bucket.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(ids, seen);
        await me.RefusedAsync("GET", "/api/workbench?bucket=someday", null, 400, "bucket", "bucket_invalid");
        await me.RefusedAsync("GET", "/api/workbench?cursor=abc", null, 400, "cursor", "cursor_invalid");
    }

    [Fact]
    public async Task a_dated_bucket_mixing_owned_tasks_and_ones_taken_part_in_is_paged_in_due_order()
    {
        var (meId, me) = await host.ColleagueAsync(null, "self", Worker);
        var (_, colleague) = await host.ColleagueAsync(null, "self", Worker);
        var today = host.Today;
        var expected = new List<Guid>();
        for (var day = 2; day <= 6; day++)
        {
            // Odd days mine, even days a colleague's with me taking part: the page boundaries fall across both branches.
            var task = day % 2 == 1 ? await me.CreateTaskAsync(new { name = $"Mine, day {day}", dueAt = At(today.AddDays(day)) })
                : await colleague.CreateTaskAsync(new { name = $"Theirs, day {day}", dueAt = At(today.AddDays(day)), participantIds = new[] { meId } });
            expected.Add(task.Id());
        }
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await me.GetJsonAsync("/api/workbench?bucket=next&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            var bucket = Assert.Single(page.GetProperty("buckets").EnumerateArray());
            Assert.Equal(5, bucket.GetProperty("count").GetInt64());
            seen.AddRange(bucket.GetProperty("items").EnumerateArray().Select(t => t.Id()));
            cursor = bucket.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(expected, seen);
    }
}
