using System.Text.Json;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Calendar.CalendarApi;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Calendar;

/// <summary>Calendar events (WORK-3): put in the schedule, read, changed under If-Match, cancelled with their history kept; bad input refused.</summary>
public sealed class managing_calendar_events(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly DateTimeOffset Monday = new(2030, 3, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task an_event_is_stored_in_utc_read_back_changed_under_if_match_cancelled_and_its_history_kept()
    {
        var (organizerId, organizer) = await host.ColleagueAsync(null, "self", Planner);
        var (attendeeId, _) = await host.ColleagueAsync(null, "self", Planner);
        var created = await organizer.ScheduleAsync(new
        {
            title = "Renewal meeting", start = "2030-03-25T16:00:00+08:00", end = "2030-03-25T17:30:00+08:00", location = "Room 3",
            attendeeIds = new[] { attendeeId, organizerId }, reminderMinutes = new[] { 60, 15, 15 },
        });
        var path = $"{EventsRoute}/{created.Id()}";
        Assert.Equal(Monday, created.At("start"));
        Assert.Equal(TimeSpan.Zero, created.At("start").Offset);
        Assert.Equal("UTC", created.Text("timeZone"));
        Assert.Equal([attendeeId], created.GetProperty("attendeeIds").EnumerateArray().Select(a => a.GetGuid()));
        Assert.Equal([15, 60], created.GetProperty("reminderMinutes").EnumerateArray().Select(m => m.GetInt32()));
        Assert.Equal(organizerId, created.GetProperty("organizerId").GetGuid());

        var stale = await organizer.ProblemAsync("PATCH", path, new { title = "Late" }, 412, null, ("If-Match", "\"7\""));
        Assert.Equal("stale_version", stale.Text("code"));
        var changed = (await organizer.SendAsync("PATCH", path, new { title = "Renewal meeting (moved)", start = "2030-03-25T09:00:00Z",
            end = "2030-03-25T10:00:00Z" }, 200, ("If-Match", "\"1\""))).Json();
        Assert.Equal(2, changed.GetProperty("version").GetInt64());
        Assert.Equal("Renewal meeting", (await organizer.GetJsonAsync(path + "?version=1")).Text("title"));

        await organizer.SendAsync("DELETE", path, status: 204);
        await organizer.SendAsync("DELETE", path, status: 204);
        Assert.Equal("cancelled", (await organizer.GetJsonAsync(path)).Text("status"));
        await organizer.RefusedAsync("PATCH", path, new { title = "Again" }, 409, null, "calendar_event_cancelled");
        var history = (await organizer.GetJsonAsync(path + "/history")).GetProperty("items").EnumerateArray().Select(e => e.Text("action")).ToList();
        Assert.Equal(["scheduled", "edited", "cancelled"], history);
        await organizer.RefusedAsync("POST", EventsRoute, Meeting("Twice", Monday, new { id = created.Id() }), 409, "id", "id_taken");
    }

    [Fact]
    public async Task a_retried_create_with_its_key_answers_the_first_event_and_as_of_reads_it_as_it_was()
    {
        var (_, planner) = await host.ColleagueAsync(null, "self", Planner);
        var key = ("Idempotency-Key", "event-" + Guid.NewGuid().ToString("N"));
        var first = await planner.CallAsync("POST", EventsRoute, Meeting("Once", Monday), 201, key);
        var again = await planner.SendAsync("POST", EventsRoute, Meeting("Once", Monday), 201, key);
        Assert.Equal(first.Id(), again.Json().Id());
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        var path = $"{EventsRoute}/{first.Id()}";
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await planner.CallAsync("PATCH", path, new { title = "Twice", rrule = "FREQ=DAILY;COUNT=2" });
        var asOf = await planner.GetJsonAsync($"{path}?asOf={Uri.EscapeDataString(before.ToString("O"))}");
        Assert.Equal(("Once", System.Text.Json.JsonValueKind.Null), (asOf.Text("title"), asOf.GetProperty("rrule").ValueKind));
        Assert.Equal("FREQ=DAILY;COUNT=2", (await planner.GetJsonAsync(path)).Text("rrule"));
        await planner.RefusedAsync("GET", path + "?version=0", null, 400, "version", "version_out_of_range");
    }

    [Fact]
    public async Task times_without_an_offset_unknown_zones_unsupported_rules_and_bad_lists_are_refused_naming_the_field()
    {
        var (_, planner) = await host.ColleagueAsync(null, "self", Planner);
        foreach (var (body, field, code) in new (object, string, string)[]
                 {
                     (new { title = "x", start = "2030-03-25T09:00:00", end = "2030-03-25T10:00:00Z" }, "start", "start_invalid"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25 10:00" }, "end", "end_invalid"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25T08:00:00Z" }, "end", "end_before_start"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-05-25T08:00:00Z" }, "end", "end_invalid"),
                     (new { title = "", start = "2030-03-25T09:00:00Z", end = "2030-03-25T10:00:00Z" }, "title", "title_required"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25T10:00:00Z", timeZone = "Mars/Olympus" }, "timeZone",
                         "time_zone_invalid"),
                     (new { title = "x", start = "2030-03-25", allDay = true, timeZone = "CET-1" }, "timeZone", "time_zone_invalid"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", allDay = true }, "start", "start_invalid"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25T10:00:00Z", rrule = "FREQ=YEARLY" }, "rrule",
                         "rrule_unsupported"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25T10:00:00Z", rrule = "FREQ=MONTHLY;BYMONTHDAY=1" }, "rrule",
                         "rrule_unsupported"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25T10:00:00Z", rrule = "FREQ=DAILY;COUNT=100000" }, "rrule",
                         "rrule_unsupported"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25T10:00:00Z", rrule = "FREQ=DAILY;BYDAY=MO" }, "rrule",
                         "rrule_unsupported"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25T10:00:00Z", rrule = "FREQ=MONTHLY;INTERVAL=99;COUNT=1000" },
                         "rrule", "rrule_unsupported"),
                     (new { title = "x", start = "2030-03-25", allDay = true, rrule = "FREQ=MONTHLY;INTERVAL=99;COUNT=1000" }, "rrule",
                         "rrule_unsupported"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25T10:00:00Z", rrule = "FREQ=DAILY;COUNT=2;UNTIL=20300401" },
                         "rrule", "rrule_unsupported"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25T10:00:00Z", reminderMinutes = new[] { 1, 2, 3, 4, 5, 6 } },
                         "reminderMinutes", "reminders_invalid"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25T10:00:00Z", reminderMinutes = new[] { -5 } },
                         "reminderMinutes", "reminders_invalid"),
                     (new { title = "x", start = "2030-03-25T09:00:00Z", end = "2030-03-25T10:00:00Z",
                         attendeeIds = Enumerable.Range(0, 51).Select(_ => Guid.NewGuid()).ToArray() }, "attendeeIds", "attendees_too_many"),
                 })
        {
            await planner.RefusedAsync("POST", EventsRoute, body, 400, field, code);
        }
        await planner.RefusedAsync("POST", EventsRoute, Meeting("x", Monday, new { attendeeIds = new[] { Guid.NewGuid() } }), 422, "attendeeIds[0]",
            "user_unusable");
        var disabled = (await host.Admin.CreateUserAsync()).Id();
        await host.Admin.SendAsync("POST", $"/api/users/{disabled}/disable");
        await planner.RefusedAsync("POST", EventsRoute, Meeting("x", Monday, new { attendeeIds = new[] { disabled } }), 422, "attendeeIds[0]", "user_unusable");
        await planner.RefusedAsync("POST", EventsRoute, Meeting("x", Monday, new { related = new[] { new { kind = "customer", id = Guid.NewGuid() } } }), 422,
            "related[0]", "related_not_found");
        Assert.Equal(0, (await planner.CalendarAsync(Monday.AddDays(-1), Monday.AddDays(1))).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task an_all_day_event_keeps_its_dates_and_begins_at_midnight_in_its_zone()
    {
        var (_, planner) = await host.ColleagueAsync(null, "self", Planner);
        var created = await planner.ScheduleAsync(new
        {
            title = "Trade fair", allDay = true, start = "2030-06-10", end = "2030-06-12", timeZone = "Asia/Shanghai",
        });
        Assert.Equal(("2030-06-10", "2030-06-12"), (created.Text("startDate"), created.Text("endDate")));
        Assert.Equal(new DateTimeOffset(2030, 6, 9, 16, 0, 0, TimeSpan.Zero), created.At("start"));
        Assert.Equal(new DateTimeOffset(2030, 6, 12, 16, 0, 0, TimeSpan.Zero), created.At("end"));
        var item = Assert.Single((await planner.CalendarAsync(new(2030, 6, 1, 0, 0, 0, TimeSpan.Zero), new(2030, 7, 1, 0, 0, 0, TimeSpan.Zero),
            "Asia/Shanghai")).Items("event"));
        Assert.True(item.GetProperty("allDay").GetBoolean());
        Assert.Equal(new DateTimeOffset(2030, 6, 10, 0, 0, 0, TimeSpan.FromHours(8)), item.At("localStart"));
        Assert.Equal(TimeSpan.FromHours(8), item.At("localStart").Offset);
    }
}
