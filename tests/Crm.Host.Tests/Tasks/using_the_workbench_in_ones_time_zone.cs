using System.Globalization;
using System.Text.Json;
using Crm.Host.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Tasks;

/// <summary>
/// The workbench's days are the caller's (docs/work.md, "The workbench"): with the host's clock at 2026-12-03T23:30Z it is already
/// 07:30 on 4 December in Shanghai, so a task due that afternoon is "today" for a user there and "next" for a user on UTC.
/// </summary>
public sealed class using_the_workbench_in_ones_time_zone(using_the_workbench_in_ones_time_zone.LateEveningHost host)
    : IClassFixture<using_the_workbench_in_ones_time_zone.LateEveningHost>
{
    public sealed class LateEveningHost : HostFixture
    {
        public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-03T23:30:00Z", CultureInfo.InvariantCulture);

        public ShiftingClock Clock { get; } = new();

        public LateEveningHost() => Clock.Advance(Now - DateTimeOffset.UtcNow);

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }

    private static DateTimeOffset Due(JsonElement task) => task.GetProperty("dueAt").GetDateTimeOffset();

    private static IReadOnlyDictionary<string, string[]> Buckets(JsonElement workbench) =>
        workbench.GetProperty("buckets").EnumerateArray().ToDictionary(b => b.Text("bucket"),
            b => b.GetProperty("items").EnumerateArray().Select(i => i.Text("name")).ToArray());

    [Fact]
    public async Task a_user_in_shanghai_sees_this_afternoons_task_today_while_a_utc_user_sees_it_next()
    {
        var (_, shanghai) = await host.ColleagueAsync(null, "self", Worker);
        var (_, utc) = await host.ColleagueAsync(null, "self", Worker);
        await shanghai.CallAsync("PUT", "/api/auth/me/time-zone", new { timeZone = "Asia/Shanghai" });
        var theirs = await shanghai.CreateTaskAsync(new { name = "Afternoon call", dueAt = "2026-12-04T15:00:00+08:00" });
        await utc.CreateTaskAsync(new { name = "Afternoon call", dueAt = "2026-12-04T15:00:00+08:00" });
        await shanghai.CreateTaskAsync(new { name = "Breakfast", dueAt = "2026-12-04T07:00:00+08:00" });

        var bench = await shanghai.GetJsonAsync("/api/workbench");
        Assert.Equal("Asia/Shanghai", bench.Text("timeZone"));
        Assert.Equal(["Afternoon call"], Buckets(bench)["today"]);
        Assert.Equal(["Breakfast"], Buckets(bench)["overdue"]); // 07:00 in Shanghai was 23:00Z: half an hour ago
        Assert.Equal("today", theirs.Text("bucket"));
        Assert.Equal("today", (await shanghai.GetJsonAsync($"{Route}/{theirs.Id()}")).Text("bucket"));
        var today = await shanghai.GetJsonAsync("/api/workbench?bucket=today");
        Assert.Equal((1L, "Asia/Shanghai"), (today.GetProperty("buckets")[0].GetProperty("count").GetInt64(), today.Text("timeZone")));

        bench = await utc.GetJsonAsync("/api/workbench");
        Assert.Equal("UTC", bench.Text("timeZone"));
        Assert.Equal(["Afternoon call"], Buckets(bench)["next"]);
        Assert.Empty(Buckets(bench)["today"]);
    }

    [Fact]
    public async Task a_move_to_today_sets_the_due_time_to_the_end_of_the_users_own_day()
    {
        var (_, shanghai) = await host.ColleagueAsync(null, "self", Worker);
        var (_, utc) = await host.ColleagueAsync(null, "self", Worker);
        await shanghai.CallAsync("PUT", "/api/auth/me/time-zone", new { timeZone = "Asia/Shanghai" });
        var theirs = await shanghai.CreateTaskAsync(new { name = "Someday" });
        var mine = await utc.CreateTaskAsync(new { name = "Someday" });

        var moved = await shanghai.CallAsync("POST", $"{Route}/{theirs.Id()}/move", new { bucket = "today" });
        Assert.Equal((DateTimeOffset.Parse("2026-12-04T23:59:59+08:00", CultureInfo.InvariantCulture), "today"), (Due(moved), moved.Text("bucket")));
        moved = await shanghai.CallAsync("POST", $"{Route}/{theirs.Id()}/move", new { bucket = "later" });
        Assert.Equal(DateTimeOffset.Parse("2026-12-12T23:59:59+08:00", CultureInfo.InvariantCulture), Due(moved));

        moved = await utc.CallAsync("POST", $"{Route}/{mine.Id()}/move", new { bucket = "today" });
        Assert.Equal((DateTimeOffset.Parse("2026-12-03T23:59:59Z", CultureInfo.InvariantCulture), "today"), (Due(moved), moved.Text("bucket")));
    }
}
