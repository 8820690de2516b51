using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Calendar.CalendarApi;
using static Crm.Host.Tests.Tasks.TaskApi;

namespace Crm.Host.Tests.Calendar;

/// <summary>
/// The .ics feed: a secret URL per user, read without a session; its series carry RRULE, EXDATE and RECURRENCE-ID so the client expands
/// them. Only the token's hash is kept; re-issuing revokes the old URL; a revoked, unknown or disabled user's token answers 404.
/// </summary>
public sealed class subscribing_to_the_calendar_feed(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<string> IssueAsync(ApiCaller caller) => new Uri((await caller.CallAsync("POST", $"{CalendarRoute}/feed")).Text("url")).PathAndQuery;

    private Task<Alba.IScenarioResult> IcsAsync(string pathAndQuery, int status) =>
        host.SignedOut.Scenario(s =>
        {
            s.GetExactly(pathAndQuery);
            s.Header("Cache-Control").ShouldHaveValues("private, no-store");
            if (status == 200) s.StatusCodeShouldBe(200);
            else s.ProblemShouldBe(status, null, "calendar_feed_not_found");
        });

    [Fact]
    public async Task the_feed_holds_the_series_with_its_exceptions_and_the_task_due_times_and_names_no_related_record()
    {
        var (_, me) = await host.ColleagueAsync(null, "self", PlannerWithCustomers);
        var customer = await me.CreateCustomerAsync(name: "Feed Secret Customer " + Guid.NewGuid().ToString("N")[..6]);
        var series = await me.ScheduleAsync(new
        {
            title = "Weekly sync", start = "2030-03-25T09:00:00+01:00", end = "2030-03-25T10:00:00+01:00", timeZone = "Europe/Berlin",
            rrule = "FREQ=WEEKLY;BYDAY=MO;COUNT=5", related = new[] { new { kind = "customer", id = customer.Id() } }, reminderMinutes = new[] { 15, 1440 },
        });
        var path = $"{EventsRoute}/{series.Id()}";
        await me.CallAsync("DELETE", $"{path}/occurrences/2030-04-01T07:00:00Z");
        await me.CallAsync("PUT", $"{path}/occurrences/2030-04-08T07:00:00Z", new { start = "2030-04-08T13:00:00+02:00", end = "2030-04-08T14:00:00+02:00" });
        await me.ScheduleAsync(new { title = "Offsite", allDay = true, start = "2030-06-10", end = "2030-06-11" });
        var now = DateTimeOffset.UtcNow;
        await me.CreateTaskAsync(new { name = "Send the contract", dueAt = Text(now.AddDays(2)) });

        var url = await IssueAsync(me);
        var ics = (await IcsAsync(url, 200)).ReadAsText();
        Assert.StartsWith("BEGIN:VCALENDAR", ics);
        Assert.Contains("RRULE:FREQ=WEEKLY;COUNT=5;BYDAY=MO", ics);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20300325T090000", ics);
        Assert.Contains("EXDATE;TZID=Europe/Berlin:20300401T090000", ics);
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Berlin:20300408T090000", ics);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20300408T130000", ics);
        Assert.Contains("BEGIN:VTIMEZONE", ics);
        Assert.Contains("BEGIN:VALARM", ics);
        Assert.Contains("TRIGGER:-PT15M", ics);
        Assert.Matches("TRIGGER:-P(1D|T1440M|T24H)", ics);
        Assert.Contains("ACTION:DISPLAY", ics);
        Assert.Contains("DTSTART;VALUE=DATE:20300610", ics);
        Assert.Contains("DTEND;VALUE=DATE:20300612", ics);
        Assert.Contains("SUMMARY:Task due: Send the contract", ics);
        Assert.DoesNotContain(customer.Id().ToString(), ics);
        Assert.DoesNotContain("Feed Secret Customer", ics);
    }

    [Fact]
    public async Task only_the_hash_is_kept_and_a_reissued_revoked_unknown_or_disabled_users_token_answers_404()
    {
        var (meId, me) = await host.ColleagueAsync(null, "self", Planner);
        var first = await IssueAsync(me);
        var token = first[(first.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        Assert.True(token.Length >= 43);
        await using (var cmd = host.Database.DataSource.CreateCommand(
            "select (select count(*) from es.events where data::text like '%' || @t || '%') + (select count(*) from crm.calendar_feeds "
            + "where token_hash = @t), (select count(*) from crm.calendar_feeds where user_id = @u and token_hash = encode(sha256(convert_to(@t, 'UTF8')), 'hex'))"))
        {
            cmd.Parameters.AddWithValue("t", token);
            cmd.Parameters.AddWithValue("u", meId);
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal((0L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
        }
        await IcsAsync(first, 200);
        var second = await IssueAsync(me);
        await IcsAsync(first, 404);
        await IcsAsync(second, 200);
        await me.SendAsync("DELETE", $"{CalendarRoute}/feed", status: 204);
        await me.SendAsync("DELETE", $"{CalendarRoute}/feed", status: 204);
        await IcsAsync(second, 404);
        await IcsAsync("/api/calendar.ics?token=" + new string('A', 43), 404);
        await IcsAsync("/api/calendar.ics", 404);

        var (leaverId, leaver) = await host.ColleagueAsync(null, "self", Planner);
        var theirs = await IssueAsync(leaver);
        await IcsAsync(theirs, 200);
        await host.Admin.SendAsync("POST", $"/api/users/{leaverId}/disable");
        await IcsAsync(theirs, 404);
    }
}
