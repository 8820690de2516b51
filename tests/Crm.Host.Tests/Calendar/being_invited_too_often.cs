using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Tasks;
using static Crm.Host.Tests.Calendar.CalendarApi;

namespace Crm.Host.Tests.Calendar;

/// <summary>
/// Anyone with schedule.create may invite anyone: a colleague's flood of daily series past the calendar's item bound must not push the
/// user's own event out of their calendar — the bound keeps their own items first and says it cut the answer.
/// </summary>
public sealed class being_invited_too_often(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_flood_of_invitations_past_the_bound_leaves_the_users_own_event_in_their_calendar()
    {
        var (meId, me) = await host.ColleagueAsync(null, "self", Planner);
        var (_, flooder) = await host.ColleagueAsync(null, "self", Planner);
        var from = new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // 14 daily series over 366 days: 5,124 occurrences, past the 5,000 items an answer holds.
        for (var i = 0; i < 14; i++)
            await flooder.ScheduleAsync(Meeting("Daily " + i, from.AddMinutes(i), new { rrule = "FREQ=DAILY", attendeeIds = new[] { meId } }));
        var mine = (await me.ScheduleAsync(Meeting("My own review", from.AddDays(365).AddHours(9)))).Id();

        var calendar = await me.CalendarAsync(from, from.AddDays(366));
        Assert.True(calendar.GetProperty("truncated").GetBoolean());
        Assert.Contains(calendar.Items("event"), i => i.Id() == mine);
        Assert.Equal(5000, calendar.GetProperty("items").GetArrayLength());

        await me.SendAsync("POST", $"{EventsRoute}/{(await flooder.ScheduleAsync(Meeting("One more", from, new { attendeeIds = new[] { meId } }))).Id()}/leave",
            null, 204);
    }
}
