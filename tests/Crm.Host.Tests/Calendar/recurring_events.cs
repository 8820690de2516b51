using System.Text.Json;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Calendar.CalendarApi;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Calendar;

/// <summary>
/// Series (RRULE subset) are expanded in their IANA zone — a weekly 09:00 Europe/Berlin meeting stays at 09:00 local across the spring
/// DST change — and one occurrence can be cancelled or moved on its own; a change of the series' timing drops those exceptions.
/// </summary>
public sealed class recurring_events(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly DateTimeOffset From = new(2030, 3, 24, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2030, 4, 30, 0, 0, 0, TimeSpan.Zero);

    private static object Weekly(string rrule = "FREQ=WEEKLY;BYDAY=MO;COUNT=3") => new
    {
        title = "Pipeline review", start = "2030-03-25T09:00:00+01:00", end = "2030-03-25T10:00:00+01:00", timeZone = "Europe/Berlin", rrule,
    };

    [Fact]
    public async Task a_weekly_berlin_meeting_stays_at_nine_local_across_dst_and_shows_in_the_display_zone()
    {
        var (_, planner) = await host.ColleagueAsync(null, "self", Planner);
        var series = await planner.ScheduleAsync(Weekly());
        Assert.Equal("FREQ=WEEKLY;BYDAY=MO;COUNT=3", series.Text("rrule"));
        var berlin = (await planner.CalendarAsync(From, To, "Europe/Berlin")).Items("event");
        Assert.Equal([new DateTimeOffset(2030, 3, 25, 8, 0, 0, TimeSpan.Zero), new(2030, 4, 1, 7, 0, 0, TimeSpan.Zero), new(2030, 4, 8, 7, 0, 0, TimeSpan.Zero)],
            berlin.Select(i => i.At("start")));
        Assert.All(berlin, i => Assert.Equal(9, i.At("localStart").Hour));
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(2)], berlin.Select(i => i.At("localStart").Offset));
        Assert.Equal("2030-04-01T07:00:00Z", berlin[1].Text("originalStart"));
        var shanghai = (await planner.CalendarAsync(From, To, "Asia/Shanghai")).Items("event");
        Assert.Equal([16, 15, 15], shanghai.Select(i => i.At("localStart").Hour));
        // A window that starts in the middle of an occurrence still shows it.
        Assert.Single((await planner.CalendarAsync(new(2030, 4, 1, 7, 30, 0, TimeSpan.Zero), new(2030, 4, 2, 0, 0, 0, TimeSpan.Zero))).Items("event"));
    }

    [Fact]
    public async Task a_daily_shanghai_series_stays_at_nine_local_and_a_weekly_one_takes_its_days()
    {
        var (_, planner) = await host.ColleagueAsync(null, "self", Planner);
        await planner.ScheduleAsync(new
        {
            title = "Stand-up", start = "2030-03-25T09:00:00+08:00", end = "2030-03-25T09:15:00+08:00", timeZone = "Asia/Shanghai",
            rrule = "FREQ=DAILY;INTERVAL=2;UNTIL=20300331",
        });
        await planner.ScheduleAsync(new
        {
            title = "Calls", start = "2030-03-25T14:00:00Z", end = "2030-03-25T15:00:00Z", rrule = "RRULE:freq=weekly;byday=WE,MO;count=4",
        });
        var items = (await planner.CalendarAsync(From, To)).Items("event");
        Assert.Equal([25, 27, 29, 31], items.Where(i => i.Text("title") == "Stand-up").Select(i => i.At("start").Day));
        Assert.All(items.Where(i => i.Text("title") == "Stand-up"), i => Assert.Equal(1, i.At("start").Hour));
        Assert.Equal([25, 27, 1, 3], items.Where(i => i.Text("title") == "Calls").Select(i => i.At("start").Day));
    }

    [Fact]
    public async Task one_occurrence_is_cancelled_or_moved_on_its_own_and_a_new_series_timing_drops_the_exceptions()
    {
        var (_, planner) = await host.ColleagueAsync(null, "self", Planner);
        var path = $"{EventsRoute}/{(await planner.ScheduleAsync(Weekly())).Id()}";
        var cancelled = await planner.CallAsync("DELETE", $"{path}/occurrences/2030-04-01T07:00:00Z");
        Assert.True(cancelled.GetProperty("exceptions")[0].GetProperty("cancelled").GetBoolean());
        await planner.CallAsync("DELETE", $"{path}/occurrences/{Uri.EscapeDataString("2030-04-01T09:00:00+02:00")}");
        var moved = await planner.CallAsync("PUT", $"{path}/occurrences/2030-04-08T07:00:00Z",
            new { title = "Review (moved)", start = "2030-04-08T11:00:00+02:00", end = "2030-04-08T12:00:00+02:00" });
        Assert.Equal(3, moved.GetProperty("version").GetInt64());

        var items = (await planner.CalendarAsync(From, To, "Europe/Berlin")).Items("event");
        Assert.Equal(2, items.Count);
        Assert.Equal((11, true, "Review (moved)", "2030-04-08T07:00:00Z"),
            (items[1].At("localStart").Hour, items[1].GetProperty("changed").GetBoolean(), items[1].Text("title"), items[1].Text("originalStart")));

        await planner.RefusedAsync("DELETE", $"{path}/occurrences/2030-04-02T07:00:00Z", null, 404, null, "occurrence_not_found");
        await planner.RefusedAsync("DELETE", $"{path}/occurrences/2030-04-15T07:00:00Z", null, 404, null, "occurrence_not_found");
        await planner.RefusedAsync("PUT", $"{path}/occurrences/tomorrow", new { start = "2030-04-08T11:00:00Z", end = "2030-04-08T12:00:00Z" }, 400,
            "originalStart", "original_start_invalid");
        await planner.RefusedAsync("PUT", $"{path}/occurrences/2030-04-08T07:00:00Z", new { start = "2030-04-08T11:00:00", end = "2030-04-08T12:00:00Z" },
            400, "start", "start_invalid");
        var single = $"{EventsRoute}/{(await planner.ScheduleAsync(Meeting("Once", From.AddHours(9)))).Id()}";
        await planner.RefusedAsync("DELETE", $"{single}/occurrences/{Uri.EscapeDataString(Text(From.AddHours(9)))}", null, 404, null, "occurrence_not_found");

        var retimed = await planner.CallAsync("PATCH", path, new { start = "2030-03-25T10:00:00+01:00", end = "2030-03-25T11:00:00+01:00" });
        Assert.Equal(0, retimed.GetProperty("exceptions").GetArrayLength());
        Assert.Contains("occurrences_reset", (await planner.GetJsonAsync(path + "/history")).GetProperty("items").EnumerateArray()
            .Select(e => e.Text("action")));
        Assert.All((await planner.CalendarAsync(From, To, "Europe/Berlin")).Items("event").Where(i => i.Text("title") == "Pipeline review"),
            i => Assert.Equal(10, i.At("localStart").Hour));
    }

    [Fact]
    public async Task an_all_day_monthly_series_takes_dates_as_occurrence_keys()
    {
        var (_, planner) = await host.ColleagueAsync(null, "self", Planner);
        var path = $"{EventsRoute}/{(await planner.ScheduleAsync(new { title = "Month close", allDay = true, start = "2030-01-31", rrule = "FREQ=MONTHLY;COUNT=4",
            timeZone = "Europe/Berlin" })).Id()}";
        await planner.CallAsync("DELETE", $"{path}/occurrences/2030-03-31");
        var items = (await planner.CalendarAsync(new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), new(2030, 12, 1, 0, 0, 0, TimeSpan.Zero), "Europe/Berlin"))
            .Items("event");
        // RFC 5545: a month without a 31st has no occurrence (February, April); COUNT counts those that exist.
        Assert.Equal(["2030-01-31", "2030-05-31", "2030-07-31"], items.Select(i => i.Text("originalStart")));
        Assert.All(items, i => Assert.Equal((0, true), (i.At("localStart").Hour, i.GetProperty("allDay").GetBoolean())));
    }
}
