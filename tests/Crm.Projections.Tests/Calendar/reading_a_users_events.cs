using Crm.Events;
using Crm.Events.Calendar;
using Crm.Projections.Calendar;
using Crm.Projections.Tests.Customers;

namespace Crm.Projections.Tests.Calendar;

/// <summary>
/// A user's events are read in two bounded branches — organized and invited — so that invitations, which anyone may send, never push the
/// user's own events out of the calendar or the feed.
/// </summary>
public sealed class reading_a_users_events(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private static CalendarEventFields At(DateTimeOffset start, string title) =>
        new(title, null, null, start, start.AddHours(1), false, "UTC", "FREQ=DAILY", []);

    [Fact]
    public async Task invitations_beyond_the_bound_do_not_crowd_out_the_users_own_events()
    {
        var (me, flooder) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var early = DateTimeOffset.Parse("2029-01-01T08:00:00Z");
        for (var i = 0; i < 5; i++)
        {
            var invite = Guid.CreateVersion7();
            await db.AppendAsync(invite, "calendar-event", new CalendarEventScheduled(invite, At(early.AddMinutes(i), "Spam " + i), flooder, [me], []));
        }
        var mine = Guid.CreateVersion7();
        await db.AppendAsync(mine, "calendar-event", new CalendarEventScheduled(mine, At(early.AddDays(30), "Mine"), me, [], []));

        var read = await new CalendarQueries(db.Database.DataSource).EventsOfAsync(me, early.AddDays(40), early.AddDays(41), 3, CancellationToken.None);
        Assert.Contains(read, e => e.Id == mine);
        Assert.Equal(3, read.Count(e => e.OrganizerId == flooder));
        Assert.Equal(read.OrderBy(e => e.FirstStart).ThenBy(e => e.Id).Select(e => e.Id), read.Select(e => e.Id));
    }
}
