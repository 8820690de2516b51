using Crm.Events;
using Crm.Events.Calendar;
using Crm.EventStore.Daemon;
using Crm.Projections.Calendar;
using Crm.Projections.Tests.Customers;

namespace Crm.Projections.Tests.Calendar;

/// <summary>crm.calendar_events and crm.calendar_feeds dropped and rebuilt from the events come out identical.</summary>
public sealed class rebuilding_the_calendar_read_models(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private static CalendarEventFields Fields(int i) => new("Meeting " + i, "d", "Room " + i, DateTimeOffset.Parse("2030-03-25T08:00:00Z").AddDays(i),
        DateTimeOffset.Parse("2030-03-25T09:00:00Z").AddDays(i), false, "Europe/Berlin", i % 2 == 0 ? "FREQ=WEEKLY;COUNT=6" : null, [15]);

    [Fact]
    public async Task the_calendar_tables_rebuilt_from_zero_equal_the_tables_built_inline()
    {
        var (organizer, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        for (var i = 0; i < 6; i++)
        {
            var id = Guid.CreateVersion7();
            var about = new RelatedRecord("customer", Guid.CreateVersion7());
            var first = Fields(i).Start;
            object[] more = (i % 3) switch
            {
                0 => [new CalendarOccurrenceCancelled(id, first.AddDays(7)),
                    new CalendarOccurrenceChanged(id, first.AddDays(14), new CalendarOccurrenceChange("Moved", first.AddDays(15), first.AddDays(15).AddHours(1)))],
                1 => [new CalendarAttendeesChanged(id, [organizer], [other]), new CalendarRelatedChanged(id, [new RelatedRecord("lead", id)], [about]),
                    new CalendarEventEdited(id, [new FieldChange("title", "Meeting " + i, "Meeting " + i + "!")])],
                _ => [new CalendarOccurrenceCancelled(id, first.AddDays(7)), new CalendarOccurrencesReset(id), new CalendarEventCancelled(id)],
            };
            await db.AppendAsync(id, "calendar-event", [new CalendarEventScheduled(id, Fields(i), organizer, [other], [about]), .. more]);
        }
        var feedUser = Guid.CreateVersion7();
        await db.AppendAsync(CalendarFeedRow.StreamOf(feedUser), "calendar-feed", new CalendarFeedIssued(feedUser, new string('a', 64)),
            new CalendarFeedIssued(feedUser, new string('b', 64)));
        var revoked = Guid.CreateVersion7();
        await db.AppendAsync(CalendarFeedRow.StreamOf(revoked), "calendar-feed", new CalendarFeedIssued(revoked, new string('c', 64)),
            new CalendarFeedRevoked(revoked));
        var before = await SnapshotAsync(organizer);
        Assert.Equal(8, before.Count);
        Assert.Contains(before, r => r.Contains("\"status\":\"cancelled\"", StringComparison.Ordinal));
        Assert.Contains(before, r => r.Contains("\"title\": \"Moved\"", StringComparison.Ordinal));

        var projections = CrmProjections.Inline().Where(p => p.Name.StartsWith("crm.calendar_", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, projections.Count);
        await using var daemon = new ProjectionDaemon(db.Store, projections, new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.RebuildAsync("crm.calendar_events");
        await daemon.RebuildAsync("crm.calendar_feeds");
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();

        Assert.Equal(before, await SnapshotAsync(organizer));
    }

    [Fact]
    public async Task the_row_read_back_equals_the_row_folded_from_the_stream_and_a_finite_series_knows_its_last_end()
    {
        var (id, organizer) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(id, "calendar-event", new CalendarEventScheduled(id, Fields(0), organizer, [], []));
        var row = (await new CalendarQueries(db.Database.DataSource).GetAsync(id))!;
        var folded = (await db.Store.ReadAsOfAsync<CalendarEventRow>(id, null, null, CalendarEventRow.Evolve))!;
        Assert.Equal((row.Fields, row.Version, row.FirstStart, row.LastEnd), (folded.Fields with { ReminderMinutes = row.Fields.ReminderMinutes },
            folded.Version, folded.FirstStart, folded.LastEnd));
        // Six weekly 09:00 Berlin meetings from 2030-03-25: the last on 2030-04-29 at 07:00 UTC (summer time), ending an hour later.
        Assert.Equal(DateTimeOffset.Parse("2030-04-29T08:00:00Z"), row.LastEnd);
    }

    private async Task<List<string>> SnapshotAsync(Guid organizer)
    {
        await using var cmd = db.Database.DataSource.CreateCommand(
            """
            select row_to_json(t)::text from crm.calendar_events t where t.organizer_id = @o
            union all select row_to_json(f)::text from crm.calendar_feeds f where f.token_hash is null or f.token_hash in (repeat('b', 64))
            order by 1
            """);
        cmd.Parameters.AddWithValue("o", organizer);
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
