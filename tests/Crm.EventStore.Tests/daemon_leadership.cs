namespace Crm.EventStore.Tests;

public sealed class daemon_leadership(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task two_daemons_project_each_event_once_and_the_stand_by_takes_over_when_the_leader_dies()
    {
        var store = fixture.Store;
        await using var first = DaemonFactory.Create(store, new RecorderProjection("ha"));
        await using var second = DaemonFactory.Create(store, new RecorderProjection("ha"));
        await first.StartAsync();
        await second.StartAsync();

        using var stop = new CancellationTokenSource();
        var appended = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("ha", 1)));
                Interlocked.Increment(ref appended);
                await Task.Delay(2);
            }
        });

        var leader = await WaitForLeaderAsync(first, second);
        var standBy = leader == first ? second : first;
        Assert.Null(standBy.LeaderProcessId("ha"));

        await Sql.ScalarAsync<bool>(fixture.Database.DataSource, "select pg_terminate_backend(@pid)", ("pid", leader.LeaderProcessId("ha")!.Value));
        var newLeader = await WaitForLeaderAsync(first, second);
        await Task.Delay(500);                             // keep appending under the new leader
        await stop.CancelAsync();
        await writer;
        await newLeader.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));

        var seen = await Sql.ListAsync(fixture.Database.DataSource, "select event_id from test.seen where projection = 'ha'", r => r.GetGuid(0));
        var stored = await Sql.ListAsync(fixture.Database.DataSource, "select event_id from es.events where data->>'name' = 'ha'", r => r.GetGuid(0));
        Assert.Equal(appended, stored.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(stored.ToHashSet(), seen.ToHashSet());
        Assert.False(first.LeaderProcessId("ha") is not null && second.LeaderProcessId("ha") is not null);
    }

    private static async Task<Daemon.ProjectionDaemon> WaitForLeaderAsync(Daemon.ProjectionDaemon a, Daemon.ProjectionDaemon b)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (a.LeaderProcessId("ha") is not null) return a;
            if (b.LeaderProcessId("ha") is not null) return b;
            await Task.Delay(20);
        }
        throw new TimeoutException("No daemon took the lead.");
    }
}
