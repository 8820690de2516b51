using System.Globalization;
using Crm.Host.Notifications;
using Crm.Host.Tests.Payments;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Tasks;
using Crm.Projections.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Calendar.CalendarApi;

namespace Crm.Host.Tests.Notifications;

/// <summary>
/// Each reminder offset of an event — of each occurrence of a series — tells its organizer and attendees once at start − offset (on the
/// payment host's hand-moved clock), however many passes run at once; a cancelled occurrence and one already begun are not reminded.
/// </summary>
public sealed class reminding_of_calendar_events(PaymentHostFixture host) : IClassFixture<PaymentHostFixture>
{
    [Fact]
    public async Task each_offset_of_each_occurrence_reminds_organizer_and_attendees_once_and_a_cancelled_occurrence_none()
    {
        var (organizerId, organizer) = await host.ColleagueAsync(null, "self", Planner);
        var (attendeeId, _) = await host.ColleagueAsync(null, "self", Planner);
        var now = host.Clock.GetUtcNow();
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddHours(9);
        string At(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
        var daily = await organizer.ScheduleAsync(new
        {
            title = "Daily stand-up", start = At(start), end = At(start.AddMinutes(15)), rrule = "FREQ=DAILY;COUNT=3",
            reminderMinutes = new[] { 10, 60 }, attendeeIds = new[] { attendeeId },
        });
        await organizer.CallAsync("DELETE", $"{EventsRoute}/{daily.Id()}/occurrences/{At(start.AddDays(1))}");
        await organizer.ScheduleAsync(new { title = "Begun already", start = At(now.AddMinutes(-5)), end = At(now.AddMinutes(30)), reminderMinutes = new[] { 15 } });
        var job = host.Services.GetRequiredService<ReminderService>();

        await job.RunOnceAsync(CancellationToken.None);
        await host.CaughtUpAsync();
        Assert.Empty(await RemindersAsync(organizerId));

        var moved = start - now - TimeSpan.FromMinutes(5);
        var movedLater = TimeSpan.FromDays(1);
        host.Clock.Advance(moved);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => job.RunOnceAsync(CancellationToken.None)));
            await host.CaughtUpAsync();
            Assert.Equal(2, (await RemindersAsync(organizerId)).Count);
            var mine = await RemindersAsync(attendeeId);
            Assert.Equal(2, mine.Count);
            Assert.All(mine, r => Assert.Equal(("calendar_event", daily.Id()), (r.RecordType, r.RecordId)));
            Assert.All(mine, r => Assert.StartsWith("Daily stand-up starts ", r.Message));

            host.Clock.Advance(movedLater);
            await job.RunOnceAsync(CancellationToken.None);
            await host.CaughtUpAsync();
            Assert.Equal(2, (await RemindersAsync(attendeeId)).Count);

            host.Clock.Advance(movedLater);
            await job.RunOnceAsync(CancellationToken.None);
            await host.CaughtUpAsync();
            Assert.Equal(4, (await RemindersAsync(attendeeId)).Count);
        }
        finally
        {
            host.Clock.Advance(-(moved + movedLater + movedLater));
        }
    }

    private async Task<List<NotificationRow>> RemindersAsync(Guid userId) =>
        [.. (await host.Services.GetRequiredService<NotificationQueries>().ListAsync(userId, false, 100, null)).Items
            .Where(n => n.Kind == "calendar_reminder")];
}
