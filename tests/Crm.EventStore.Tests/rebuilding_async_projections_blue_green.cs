using Crm.EventStore.Projections;

namespace Crm.EventStore.Tests;

/// <summary>
/// An async projection that names its tables rebuilds into shadows while its live table stands still and serves (readers never
/// see it emptied or half-built), then swaps them in with the checkpoint; one that fails midway is resumed as the rebuild it was.
/// </summary>
public sealed class rebuilding_async_projections_blue_green(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task readers_see_the_whole_old_table_until_the_swap_then_the_rebuilt_one()
    {
        var store = fixture.Store;
        await using var daemon = DaemonFactory.Create(store, DaemonFactory.FastOptions with { RebuildBatchSize = 20 }, new CartProjection());
        await daemon.StartAsync();
        await SeedAsync(store, carts: 40, rounds: 10);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        var before = await CartsAsync();

        using var stop = new CancellationTokenSource();
        var fewest = long.MaxValue;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                fewest = Math.Min(fewest, await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from test.carts"));
        });
        await daemon.RebuildAsync("carts");
        await stop.CancelAsync();
        await reader;

        Assert.Equal(before, await CartsAsync());
        Assert.Equal(before.Count, fewest);
        Assert.False(await Sql.ScalarAsync<bool>(fixture.Database.DataSource,
            "select shadow_build or to_regclass('test_rebuild.carts') is not null from es.projection_checkpoints where name = 'carts'"));
    }

    [Fact]
    public async Task a_rebuild_that_stops_on_an_error_leaves_the_old_table_serving_and_goes_on_in_its_shadows_when_resumed()
    {
        var store = fixture.Store;
        var broken = false;
        var carts = new Troubled(() => broken);
        await using (var first = DaemonFactory.Create(store, carts))
        {
            await first.StartAsync();
            await SeedAsync(store, carts: 10, rounds: 6);
            await first.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
            await first.StopAsync();
        }
        var before = await CartsAsync();

        // The rebuild meets an environment error (a column its SQL names is missing): it stops, status failed, shadows kept.
        broken = true;
        await using (var failing = DaemonFactory.Create(store, carts))
        {
            await Assert.ThrowsAsync<Daemon.ProjectionFailedException>(() => failing.RebuildAsync("carts"));
        }
        Assert.Equal(before, await CartsAsync());
        Assert.True(await Sql.ScalarAsync<bool>(fixture.Database.DataSource,
            "select status = 'failed' and shadow_build from es.projection_checkpoints where name = 'carts'"));

        // Fixed and restarted: the node resumes the rebuild in its shadows (not the live table from the shadows' position).
        broken = false;
        await using var fixedDaemon = DaemonFactory.Create(store, carts);
        await fixedDaemon.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await fixedDaemon.StatusAsync("carts")).Status == "failed")
        {
            Assert.True(DateTime.UtcNow < deadline, "the restarted node did not take the failed rebuild up again");
            await Task.Delay(20);
        }
        await fixedDaemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(before, await CartsAsync());
        Assert.False(await Sql.ScalarAsync<bool>(fixture.Database.DataSource, "select shadow_build from es.projection_checkpoints where name = 'carts'"));
    }

    private static async Task SeedAsync(EventStore store, int carts, int rounds)
    {
        var ids = Enumerable.Range(0, carts).Select(_ => Guid.CreateVersion7()).ToList();
        for (var round = 0; round < rounds; round++)
        {
            await Task.WhenAll(ids.Select((id, i) => store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Any,
                round % 4 == 3 ? [new ItemRemoved($"r{round}")] : [new ItemAdded($"i{round}", i + round)]))));
        }
    }

    private Task<List<string>> CartsAsync() =>
        Sql.ListAsync(fixture.Database.DataSource, "select stream_id, items, quantity, last_version, names from test.carts order by stream_id",
            r => $"{r.GetGuid(0)}|{r.GetInt32(1)}|{r.GetInt32(2)}|{r.GetInt64(3)}|{r.GetString(4)}");

    /// <summary>The carts projection whose SQL, while <paramref name="broken"/>, names a column the table does not have.</summary>
    private sealed class Troubled(Func<bool> broken) : IProjection
    {
        private readonly CartProjection carts = new();
        public string Name => carts.Name;
        public IReadOnlyCollection<Type> EventTypes => carts.EventTypes;
        public IReadOnlyList<string> Tables => carts.Tables;

        public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
        {
            if (broken())
            {
                await using var cmd = context.CreateCommand("select no_such_column from test.carts");
                await cmd.ExecuteNonQueryAsync(ct);
            }
            await carts.ApplyAsync(events, context, ct);
        }

        public Task ResetAsync(ProjectionContext context, CancellationToken ct) => carts.ResetAsync(context, ct);
    }
}
