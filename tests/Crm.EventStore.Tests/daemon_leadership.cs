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

        // Kill the leading connection. The old leader's runner may win the lock back on a new connection
        // (both retry every LeaderRetryInterval); kill that one too, until the stand-by leads.
        var killed = leader.LeaderProcessId("ha")!.Value;
        await TerminateAsync(killed);
        await WaitUntilAsync(async () =>
        {
            if (standBy.LeaderProcessId("ha") is not null) return true;
            if (leader.LeaderProcessId("ha") is { } pid && pid != killed) await TerminateAsync(killed = pid);
            return false;
        }, "the stand-by never took over from the killed leader");
        Assert.NotEqual((int?)killed, standBy.LeaderProcessId("ha"));

        // Keep appending under the new leader until it has projected events appended after it took over.
        var takenOverAt = Volatile.Read(ref appended);
        await WaitUntilAsync(async () => Volatile.Read(ref appended) >= takenOverAt + 20 && await SeenAsync() >= takenOverAt + 20,
            "the stand-by did not project the events appended after it took over");
        await stop.CancelAsync();
        await writer;
        await standBy.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(standBy.LeaderProcessId("ha"));

        var seen = await Sql.ListAsync(fixture.Database.DataSource, "select event_id from test.seen where projection = 'ha'", r => r.GetGuid(0));
        var stored = await Sql.ListAsync(fixture.Database.DataSource, "select event_id from es.events where data->>'name' = 'ha'", r => r.GetGuid(0));
        Assert.Equal(appended, stored.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(stored.ToHashSet(), seen.ToHashSet());
        // The killed leader learns at its next lock check that its session (and so its lock) is gone; until then it still
        // reports the pid it had, which is no leadership. Once it has checked, exactly one daemon may report one.
        await WaitUntilAsync(() => Task.FromResult(!(first.LeaderProcessId("ha") is not null && second.LeaderProcessId("ha") is not null)),
            "both daemons still claim to lead after the killed one's lock check");
    }

    [Fact]
    public async Task a_rebuild_asked_from_a_process_whose_daemon_is_stopped_is_carried_out_by_the_leader_elsewhere()
    {
        var store = fixture.Store;
        var stream = Guid.CreateVersion7();
        await store.AppendAsync(StreamAppend.Start(stream, "cart", new ItemAdded("once", 1)));
        await using var leader = DaemonFactory.Create(store, new RecorderProjection("elsewhere"));
        await using var idle = DaemonFactory.Create(store, new RecorderProjection("elsewhere"));
        await leader.StartAsync();
        await leader.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => Task.FromResult(leader.LeaderProcessId("elsewhere") is not null), "the started daemon never led");

        // The stopped daemon's process cannot take the lock the leader holds: it asks, and the leader rebuilds.
        await idle.RebuildAsync("elsewhere").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await Sql.ScalarAsync<int>(fixture.Database.DataSource, "select rebuilds from es.projection_checkpoints where name = 'elsewhere'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(fixture.Database.DataSource,
            "select count(*) from test.seen where projection = 'elsewhere' and stream_id = @s", ("s", stream)));
    }

    private async Task TerminateAsync(int pid) =>
        await Sql.ScalarAsync<bool>(fixture.Database.DataSource, "select pg_terminate_backend(@pid)", ("pid", pid));

    private async Task<long> SeenAsync() =>
        await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from test.seen where projection = 'ha'");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
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
