using System.Globalization;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Tasks;
using Crm.Projections.Calendar;
using static Crm.Host.Tests.Calendar.CalendarApi;

namespace Crm.Host.Tests.Notifications;

/// <summary>
/// Every candidate event is looked at in a pass, page after page: more reminded events than a page holds are all reminded (a cap on the
/// candidates read would starve the newest, since a series that never ends stays a candidate for good).
/// </summary>
public sealed class reminding_of_many_calendar_events(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task events_beyond_the_first_page_of_candidates_are_reminded_too()
    {
        var (organizerId, organizer) = await host.ColleagueAsync(null, "self", Planner);
        var start = new DateTimeOffset(2031, 1, 6, 9, 0, 0, TimeSpan.Zero);
        string At(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            // Each begun earlier than the last as a weekly series, so all are candidates and the page order is not the creation order.
            var first = start.AddDays(-7 * (i + 1)).AddMinutes(i);
            ids.Add((await organizer.ScheduleAsync(new
            {
                title = $"Weekly {i}", start = At(first), end = At(first.AddMinutes(30)), rrule = "FREQ=WEEKLY", reminderMinutes = new[] { 10 },
            })).Id());
        }

        await using var connection = await host.Database.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var due = await new CalendarReminders(pageSize: 2).ClaimAsync(tx, start.AddMinutes(-5), TimeSpan.FromDays(3), 500, CancellationToken.None);
        await tx.RollbackAsync();

        Assert.All(due, d => Assert.Equal(organizerId, d.UserId));
        Assert.Equal(ids.Order(), due.Select(d => d.RecordId).Order());
    }

    [Fact]
    public async Task an_at_the_start_reminder_goes_out_just_after_the_start_and_the_others_before_it()
    {
        var (_, organizer) = await host.ColleagueAsync(null, "self", Planner);
        var start = new DateTimeOffset(2031, 2, 3, 9, 0, 0, TimeSpan.Zero);
        var id = (await organizer.ScheduleAsync(new
        {
            title = "Kick-off", start = start.ToString("O", CultureInfo.InvariantCulture), end = start.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
            reminderMinutes = new[] { 0, 10 },
        })).Id();

        async Task<string[]> ClaimedAt(DateTimeOffset now)
        {
            await using var connection = await host.Database.DataSource.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            var due = await new CalendarReminders().ClaimAsync(tx, now, TimeSpan.FromDays(3), 500, CancellationToken.None);
            await tx.RollbackAsync();
            return [.. due.Where(d => d.RecordId == id).Select(d => d.Message)];
        }

        Assert.Single(await ClaimedAt(start.AddMinutes(-5)));
        Assert.Empty(await ClaimedAt(start.AddMinutes(-11)));
        Assert.Single(await ClaimedAt(start.AddMinutes(1)));
        Assert.Single(await ClaimedAt(start));
        Assert.Empty(await ClaimedAt(start.AddMinutes(6)));
    }
}
