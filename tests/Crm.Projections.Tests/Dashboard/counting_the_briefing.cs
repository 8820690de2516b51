using Crm.Events;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.Projections.Dashboard;

namespace Crm.Projections.Tests.Dashboard;

public sealed class counting_the_briefing(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private async Task<List<string>> RowsAsync()
    {
        await using var cmd = db.Database.DataSource.CreateCommand("select row_to_json(d)::text from crm.daily_counts d order by owner_id, day");
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    [Fact]
    public async Task the_daemon_counts_each_event_once_for_the_right_user_and_a_rebuild_gives_the_same_rows()
    {
        var (owner, actor) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var asActor = new AppendOptions { Metadata = new EventMetadata(ActorId: actor) };
        var lead = Guid.CreateVersion7();
        var customer = Guid.CreateVersion7();
        await db.Store.AppendAsync(StreamAppend.Start(lead, "lead", new LeadCreated(lead, new LeadFields("L"), owner),
            new LeadFollowedUp(lead, Guid.CreateVersion7(), "phone", "x", null)), asActor);
        await db.Store.AppendAsync([
            StreamAppend.Start(customer, "customer", new CustomerCreated(customer, new CustomerFields("C"), owner, lead, DateTimeOffset.UtcNow)),
            new StreamAppend(lead, "lead", ExpectedVersion.Exactly(2), [new LeadConverted(lead, customer, null)]),
        ], asActor);
        await db.Store.AppendAsync(new StreamAppend(customer, "customer", ExpectedVersion.Exactly(1),
            [new CustomerClaimed(customer, actor, DateTimeOffset.UtcNow)]));

        await using var daemon = new ProjectionDaemon(db.Store, CrmProjections.Async(), new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        var counted = await RowsAsync();
        await daemon.RebuildAsync(new DailyCountsProjection().Name);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();

        Assert.Equal(counted, await RowsAsync());
        var days = await new BriefingQueries(db.Database.DataSource).DaysAsync(DateOnly.MinValue, DateOnly.MaxValue, [owner], default);
        Assert.Equal(new BriefingCounts(1, 1, 0, 0, 0, 0, 0), Assert.Single(days).Counts);
        var byActor = await new BriefingQueries(db.Database.DataSource).DaysAsync(DateOnly.MinValue, DateOnly.MaxValue, [actor], default);
        Assert.Equal(new BriefingCounts(0, 0, 0, 1, 1, 0, 1), Assert.Single(byActor).Counts);
    }
}
