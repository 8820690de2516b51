using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Calendar.CalendarApi;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Calendar;

/// <summary>
/// Who reaches a calendar event (docs/calendar.md): the organizer changes it; attendees and whoever's schedule.list scope reaches the
/// organizer read it (403 team_read_only on a change); anyone else 404 calendar_event_not_found on every route, like a missing id.
/// Links to records the reader cannot see are masked.
/// </summary>
public sealed class calendar_event_visibility(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly DateTimeOffset Start = new(2030, 5, 6, 9, 0, 0, TimeSpan.Zero);

    private sealed record Team(ApiCaller Organizer, ApiCaller Manager, ApiCaller Attendee, ApiCaller Stranger, Guid CustomerId, string Path)
    {
        public Guid AttendeeId { get; init; }
    }

    private async Task<Team> TeamAsync()
    {
        var department = (await host.Admin.CreateDepartmentAsync("Sales " + Guid.NewGuid().ToString("N")[..8])).Id();
        var (_, organizer) = await host.ColleagueAsync(department, "self", PlannerWithCustomers);
        var (_, manager) = await host.ColleagueAsync(department, "department", PlannerWithCustomers);
        var (attendeeId, attendee) = await host.ColleagueAsync(null, "self", PlannerWithCustomers);
        var (_, stranger) = await host.ColleagueAsync(null, "self", PlannerWithCustomers);
        var customer = (await organizer.CreateCustomerAsync()).Id();
        var created = await organizer.ScheduleAsync(Meeting("Quarterly review", Start, new
        {
            attendeeIds = new[] { attendeeId }, rrule = "FREQ=WEEKLY;COUNT=4", related = new[] { new { kind = "customer", id = customer } },
        }));
        return new Team(organizer, manager, attendee, stranger, customer, $"{EventsRoute}/{created.Id()}") { AttendeeId = attendeeId };
    }

    private static readonly (string Method, string Suffix, object? Body)[] Changes =
    [
        ("PATCH", "", new { title = "Mine" }), ("DELETE", "", null),
        ("PUT", "/occurrences/2030-05-13T09:00:00Z", new { start = "2030-05-13T10:00:00Z", end = "2030-05-13T11:00:00Z" }),
        ("DELETE", "/occurrences/2030-05-13T09:00:00Z", null),
    ];

    [Fact]
    public async Task a_stranger_gets_404_on_every_route_and_never_sees_it_in_a_calendar()
    {
        var t = await TeamAsync();
        foreach (var (method, suffix, body) in new (string, string, object?)[]
                     {
                         ("GET", "", null), ("GET", "?version=1", null), ("GET", "/history", null), ("POST", "/leave", null),
                     }.Concat(Changes))
        {
            await t.Stranger.RefusedAsync(method, t.Path + suffix, body, 404, null, "calendar_event_not_found");
        }
        await t.Stranger.RefusedAsync("GET", $"{EventsRoute}/{Guid.NewGuid()}", null, 404, null, "calendar_event_not_found");
        Assert.Empty((await t.Stranger.CalendarAsync(Start.AddDays(-1), Start.AddDays(30))).Items("event"));
    }

    [Fact]
    public async Task an_attendee_reads_it_with_the_hidden_customer_masked_but_changes_nothing()
    {
        var t = await TeamAsync();
        var read = await t.Attendee.GetJsonAsync(t.Path);
        var link = read.GetProperty("related")[0];
        Assert.Equal(("customer", true), (link.Text("kind"), link.GetProperty("hidden").GetBoolean()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, link.GetProperty("id").ValueKind);
        var history = (await t.Attendee.GetJsonAsync(t.Path + "/history")).GetRawText();
        Assert.Contains("customer:hidden", history);
        Assert.DoesNotContain(t.CustomerId.ToString(), history);
        Assert.Equal(4, (await t.Attendee.CalendarAsync(Start.AddDays(-1), Start.AddDays(30))).Items("event").Count);
        foreach (var (method, suffix, body) in Changes) await t.Attendee.RefusedAsync(method, t.Path + suffix, body, 403, null, "team_read_only");
        Assert.Equal("Quarterly review", (await t.Organizer.GetJsonAsync(t.Path)).Text("title"));
    }

    [Fact]
    public async Task the_organizers_manager_reads_it_through_the_department_scope_but_only_the_organizer_changes_it()
    {
        var t = await TeamAsync();
        var read = await t.Manager.GetJsonAsync(t.Path);
        Assert.Equal(t.CustomerId, read.GetProperty("related")[0].GetProperty("id").GetGuid());
        await t.Manager.CallAsync("GET", t.Path + "/history");
        foreach (var (method, suffix, body) in Changes) await t.Manager.RefusedAsync(method, t.Path + suffix, body, 403, null, "team_read_only");
        // The manager's own calendar is theirs: reaching an event does not put it there.
        Assert.Empty((await t.Manager.CalendarAsync(Start.AddDays(-1), Start.AddDays(30))).Items("event"));
        Assert.Equal("Moved", (await t.Organizer.CallAsync("PATCH", t.Path, new { title = "Moved" })).Text("title"));
    }

    [Fact]
    public async Task an_attendee_leaves_the_event_and_it_leaves_their_calendar_while_only_an_attendee_may_leave()
    {
        var t = await TeamAsync();
        await t.Organizer.RefusedAsync("POST", t.Path + "/leave", null, 409, null, "not_an_attendee");
        await t.Manager.RefusedAsync("POST", t.Path + "/leave", null, 409, null, "not_an_attendee");
        await t.Attendee.Scenario(s =>
        {
            s.Post.Url(t.Path + "/leave");
            s.WithoutBody();
            s.WithRequestHeader("If-Match", "\"99\"");
            s.ProblemShouldBe(412, "If-Match", "stale_version");
        });

        await t.Attendee.SendAsync("POST", t.Path + "/leave", null, 204);
        Assert.Empty((await t.Attendee.CalendarAsync(Start.AddDays(-1), Start.AddDays(30))).Items("event"));
        await t.Attendee.RefusedAsync("GET", t.Path, null, 404, null, "calendar_event_not_found");
        await t.Attendee.RefusedAsync("POST", t.Path + "/leave", null, 404, null, "calendar_event_not_found");
        var kept = await t.Organizer.GetJsonAsync(t.Path);
        Assert.Equal(0, kept.GetProperty("attendeeIds").GetArrayLength());
        var history = (await t.Organizer.GetJsonAsync(t.Path + "/history")).GetRawText();
        Assert.Contains(t.AttendeeId.ToString(), history);

        await t.Organizer.SendAsync("DELETE", t.Path, null, 204);
        var again = await TeamAsync();
        await again.Organizer.SendAsync("DELETE", again.Path, null, 204);
        await again.Attendee.RefusedAsync("POST", again.Path + "/leave", null, 409, null, "calendar_event_cancelled");
    }
}
