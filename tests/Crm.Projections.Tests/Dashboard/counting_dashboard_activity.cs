using Crm.Events;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.EventStore.Projections;
using Crm.Projections.Calendar;
using Crm.Projections.Dashboard;

namespace Crm.Projections.Tests.Dashboard;

/// <summary>crm.dashboard_activity: what the queries sum for a period of any zone equals counting the events one by one.</summary>
public sealed class counting_dashboard_activity(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private static StoredEvent Event(object data, Guid actor, DateTimeOffset at) =>
        new(0, 0, Guid.CreateVersion7(), Guid.CreateVersion7(), 1, "", data, new EventMetadata(ActorId: actor), at);

    [Fact]
    public async Task every_period_of_every_zone_sums_exactly_the_events_inside_it()
    {
        var owners = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToArray();
        var random = new Random(42);
        var start = DateTimeOffset.Parse("2025-12-20T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var events = new List<StoredEvent>();
        for (var i = 0; i < 600; i++)
        {
            var owner = owners[random.Next(owners.Length)];
            var at = start.AddMinutes(random.Next(60 * 24 * 120)).AddSeconds(random.Next(60));
            var id = Guid.CreateVersion7();
            object data = (i % 3) switch
            {
                0 => new CustomerCreated(id, new CustomerFields("C"), owner, null, at),
                1 => new LeadFollowedUp(id, Guid.CreateVersion7(), "phone", "x", null),
                _ => new LeadCreated(id, new LeadFields("L"), owner),
            };
            events.Add(Event(data, owner, at));
        }
        await using (var connection = await db.Database.DataSource.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            // Two batches: the second adds to the rows the first wrote.
            await new ActivityProjection().ApplyAsync(events[..300], new ProjectionContext(connection, tx), default);
            await new ActivityProjection().ApplyAsync(events[300..], new ProjectionContext(connection, tx), default);
            await tx.CommitAsync();
        }

        var queries = new DashboardQueries(db.Database.DataSource);
        string[] zones = ["Asia/Shanghai", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York", "UTC"];
        for (var i = 0; i < 40; i++)
        {
            var zone = zones[i % zones.Length];
            var first = new DateOnly(2025, 12, 18).AddDays(random.Next(100));
            var last = first.AddDays(random.Next(i % 4 == 0 ? 1 : 60));
            var period = new InstantPeriod(CalendarZones.StartOfDay(first, zone), CalendarZones.StartOfDay(last.AddDays(1), zone));
            var narrowed = owners[..2];
            // A few owners are read owner by owner, a department's many from every owner's rows: both must count the same.
            var many = narrowed.Concat(Enumerable.Range(0, DashboardQueries.OwnerByOwner).Select(_ => Guid.CreateVersion7())).ToArray();
            var sums = await queries.ActivityAsync([period], narrowed, byOwner: true);
            Assert.Equal(sums.OrderBy(x => x.OwnerId), (await queries.ActivityAsync([period], many, byOwner: true)).OrderBy(x => x.OwnerId));
            foreach (var owner in narrowed)
            {
                var inside = events.Where(e => e.Metadata.ActorId == owner && e.Timestamp >= period.From && e.Timestamp < period.Until).ToList();
                var row = sums.SingleOrDefault(s => s.OwnerId == owner);
                Assert.Equal(inside.Count(e => e.Data is CustomerCreated), row?.NewCustomers ?? 0);
                Assert.Equal(inside.Count(e => e.Data is LeadCreated), row?.NewLeads ?? 0);
                Assert.Equal(inside.Count(e => e.Data is LeadFollowedUp), row?.FollowUps ?? 0);
            }
            Assert.DoesNotContain(sums, s => s.OwnerId == owners[2]);
            var whole = (await queries.ActivityAsync([period], null, byOwner: false)).SingleOrDefault();
            Assert.Equal(events.Count(e => e.Data is CustomerCreated && e.Timestamp >= period.From && e.Timestamp < period.Until), whole?.NewCustomers ?? 0);
        }
    }

    [Fact]
    public async Task the_daemon_counts_opportunities_and_follow_ups_by_owner_and_actor_and_a_rebuild_gives_the_same_rows()
    {
        var (owner, actor) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var asActor = new AppendOptions { Metadata = new EventMetadata(ActorId: actor) };
        var (opportunity, customer, contact) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.Store.AppendAsync(StreamAppend.Start(opportunity, "opportunity",
            new OpportunityCreated(opportunity, customer, new OpportunityFields("Deal"), [], new Money(0m, "CNY"), false, owner,
                new StageSnapshot(Guid.CreateVersion7(), Guid.CreateVersion7(), "Initial", 10m, StageOutcome.Open), null, DateTimeOffset.UtcNow),
            new OpportunityFollowedUp(opportunity, customer, Guid.CreateVersion7(), "phone", "x", null, DateTimeOffset.UtcNow)), asActor);
        await db.Store.AppendAsync(StreamAppend.Start(contact, "contact", new Events.Contacts.ContactCreated(contact, customer,
            new ContactFields("Z"), owner)), asActor);

        await using var daemon = new ProjectionDaemon(db.Store, CrmProjections.Async(), new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        var counted = await RowsAsync(owner, actor);
        await daemon.RebuildAsync(new ActivityProjection().Name);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();

        Assert.Equal(counted, await RowsAsync(owner, actor));
        Assert.Equal(10, counted.Count); // two users, five grains each
        var now = DateTimeOffset.UtcNow;
        var sums = await new DashboardQueries(db.Database.DataSource).ActivityAsync([new InstantPeriod(now.AddDays(-1), now.AddDays(1))], [owner, actor], true);
        var mine = sums.Single(s => s.OwnerId == owner);
        Assert.Equal((1L, 1L, 0L), (mine.NewOpportunities, mine.NewContacts, mine.FollowUps));
        Assert.Equal(1L, sums.Single(s => s.OwnerId == actor).FollowUps);

        // Migration 0215 gave databases of four grains their year rows from the month rows: the same rows the projection writes.
        await using (var drop = db.Database.DataSource.CreateCommand("delete from crm.dashboard_activity where grain = 'y'")) await drop.ExecuteNonQueryAsync();
        await using (var fill = db.Database.DataSource.CreateCommand(ReadModelMigrations.All.Single(m => m.Number == 215).Sql))
            await fill.ExecuteNonQueryAsync();
        Assert.Equal(counted, await RowsAsync(owner, actor));
    }

    private async Task<List<string>> RowsAsync(params Guid[] owners)
    {
        await using var cmd = db.Database.DataSource.CreateCommand(
            "select row_to_json(a)::text from crm.dashboard_activity a where owner_id = any(@owners) order by grain, owner_id, bucket");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<Guid[]>("owners", owners));
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
