using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Calendar.CalendarApi;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Calendar;

/// <summary>
/// GET /api/calendar merges, for the caller, their events (organizer or attendee), their open tasks' due times (owner or participant)
/// and the next-contact times of the follow-ups they wrote on records they still see; each typed, by start, in UTC and the display zone.
/// </summary>
public sealed class reading_the_calendar(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly DateTimeOffset Day = new(2030, 9, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task events_tasks_and_follow_ups_of_the_caller_come_typed_and_in_order_and_nobody_elses()
    {
        var (meId, me) = await host.ColleagueAsync(null, "self", PlannerWithCustomers);
        var (_, colleague) = await host.ColleagueAsync(null, "self", PlannerWithCustomers);
        var (otherId, _) = await host.ColleagueAsync(null, "self", PlannerWithCustomers);
        await me.ScheduleAsync(Meeting("Own meeting", Day.AddHours(9)));
        await colleague.ScheduleAsync(Meeting("Invited", Day.AddHours(7), new { attendeeIds = new[] { meId } }));
        await colleague.ScheduleAsync(Meeting("Not mine", Day.AddHours(8)));
        await me.CreateTaskAsync(new { name = "Send the offer", dueAt = Text(Day.AddHours(12)) });
        var done = await me.CreateTaskAsync(new { name = "Done already", dueAt = Text(Day.AddHours(13)) });
        await me.CallAsync("POST", $"/api/tasks/{done.Id()}/complete");
        await colleague.CreateTaskAsync(new { name = "Help with the offer", dueAt = Text(Day.AddHours(14)), participantIds = new[] { meId } });
        await me.CreateTaskAsync(new { name = "Next week", dueAt = Text(Day.AddDays(8)) });
        var kept = (await me.CreateCustomerAsync()).Id();
        var given = (await me.CreateCustomerAsync()).Id();
        await me.SendAsync("POST", $"{CustomerApi.Route}/{kept}/follow-ups",
            new { kind = "communication", content = "Call back about pricing", nextContactAt = Text(Day.AddHours(10)) }, 201);
        await me.SendAsync("POST", $"{CustomerApi.Route}/{given}/follow-ups",
            new { kind = "communication", content = "Secret plans", nextContactAt = Text(Day.AddHours(11)) }, 201);
        await host.Admin.SendAsync("POST", $"{CustomerApi.Route}/{given}/transfer", new { toUserId = otherId });

        var calendar = await me.CalendarAsync(Day, Day.AddDays(1), "Asia/Shanghai");
        var items = calendar.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([("event", "Invited"), ("event", "Own meeting"), ("follow_up", "Call back about pricing"), ("task", "Send the offer"),
            ("task", "Help with the offer")], items.Select(i => (i.Text("type"), i.Text("title"))));
        Assert.Equal("Asia/Shanghai", calendar.Text("timeZone"));
        Assert.False(calendar.GetProperty("truncated").GetBoolean());
        var followUp = items[2];
        Assert.Equal(("customer", kept), (followUp.Text("recordType"), followUp.GetProperty("recordId").GetGuid()));
        Assert.Equal(new DateTimeOffset(2030, 9, 2, 18, 0, 0, TimeSpan.FromHours(8)), followUp.At("localStart"));
        Assert.Equal(TimeSpan.FromHours(8), followUp.At("localStart").Offset);
        Assert.Equal(Day.AddHours(12), items[3].At("start"));
        Assert.Equal(TimeSpan.Zero, items[3].At("start").Offset);
    }

    [Fact]
    public async Task a_window_is_two_moments_with_offsets_in_order_and_at_most_366_days_long()
    {
        var (_, me) = await host.ColleagueAsync(null, "self", Planner);
        string Url(string from, string to, string zone = "UTC") =>
            $"{CalendarRoute}?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&timeZone={Uri.EscapeDataString(zone)}";
        await me.RefusedAsync("GET", $"{CalendarRoute}?to=2030-01-02T00:00:00Z", null, 400, "from", "from_invalid");
        await me.RefusedAsync("GET", Url("2030-01-01T00:00:00Z", "2030-01-02T00:00:00"), null, 400, "to", "to_invalid");
        await me.RefusedAsync("GET", Url("2030-01-02T00:00:00Z", "2030-01-01T00:00:00Z"), null, 400, "to", "window_invalid");
        await me.RefusedAsync("GET", Url("2030-01-01T00:00:00Z", "2031-02-01T00:00:00Z"), null, 400, "to", "window_too_long");
        await me.RefusedAsync("GET", Url("2030-01-01T00:00:00Z", "2030-01-02T00:00:00Z", "Europe/Atlantis"), null, 400, "timeZone",
            "time_zone_invalid");
        await me.CallAsync("GET", Url("2030-01-01T00:00:00+08:00", "2031-01-02T00:00:00+08:00"));
    }

    [Fact]
    public async Task without_a_time_zone_the_calendar_shows_the_callers_own_and_the_parameter_wins_over_it()
    {
        var (_, me) = await host.ColleagueAsync(null, "self", Planner);
        await me.ScheduleAsync(Meeting("Kick-off", Day.AddHours(9)));
        var utc = await me.CalendarAsync(Day, Day.AddDays(1));
        Assert.Equal(("UTC", TimeSpan.Zero), (utc.Text("timeZone"), utc.Items("event").Single().At("localStart").Offset));

        await me.CallAsync("PUT", "/api/auth/me/time-zone", new { timeZone = "Asia/Shanghai" });
        var own = await me.CalendarAsync(Day, Day.AddDays(1));
        Assert.Equal("Asia/Shanghai", own.Text("timeZone"));
        var item = own.Items("event").Single();
        Assert.Equal((Day.AddHours(9), new DateTimeOffset(2030, 9, 2, 17, 0, 0, TimeSpan.FromHours(8))), (item.At("start"), item.At("localStart")));
        Assert.Equal(TimeSpan.FromHours(8), item.At("localStart").Offset);

        var asked = await me.CalendarAsync(Day, Day.AddDays(1), "Europe/Berlin");
        Assert.Equal(("Europe/Berlin", TimeSpan.FromHours(2)), (asked.Text("timeZone"), asked.Items("event").Single().At("localStart").Offset));
    }
}
