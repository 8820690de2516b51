namespace Crm.EventStore.Tests;

public sealed class projection_rebuild(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task a_projection_rebuilt_from_zero_equals_the_one_built_incrementally_row_for_row()
    {
        var store = fixture.Store;
        await using var daemon = DaemonFactory.Create(store, new CartProjection());
        await daemon.StartAsync();
        await SeedCartsAsync(store, carts: 60, rounds: 12);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        var incremental = await CartsAsync();

        await daemon.RebuildAsync("carts");                // carried out by the running leader
        var rebuiltByLeader = await CartsAsync();
        await daemon.StopAsync();

        await using var idle = DaemonFactory.Create(store, new CartProjection());
        await idle.RebuildAsync("carts");                  // no daemon running: done in place here
        var rebuiltStandalone = await CartsAsync();

        Assert.Equal(60, incremental.Count);
        Assert.Equal(incremental, rebuiltByLeader);
        Assert.Equal(incremental, rebuiltStandalone);
        var status = Assert.Single(await idle.StatusAsync());
        Assert.Equal(("running", 0L, 0L), (status.Status, status.EventsBehind, status.DeadLetters));
    }

    [Fact]
    public async Task a_projection_started_far_behind_catches_up_reading_ahead_to_the_rows_a_rebuild_makes()
    {
        var store = fixture.Store;
        // From zero, whatever the other test left: 720 events or more, a full batch of 50, then pages of 500 read ahead.
        await Sql.ScalarAsync<long>(fixture.Database.DataSource,
            "with gone as (delete from es.projection_checkpoints where name = 'carts'), rows as (delete from test.carts returning 1) "
            + "select count(*) from rows");
        await SeedCartsAsync(store, carts: 60, rounds: 12);
        await using (var daemon = DaemonFactory.Create(store, new CartProjection()))
        {
            await daemon.StartAsync();
            await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
            await daemon.StopAsync();
        }
        var caughtUp = await CartsAsync();

        await using var idle = DaemonFactory.Create(store, new CartProjection());
        await idle.RebuildAsync("carts");
        Assert.Equal(await CartsAsync(), caughtUp);
        Assert.Equal(("running", 0L, 0L), (await idle.StatusAsync()).Single() is var s ? (s.Status, s.EventsBehind, s.DeadLetters) : default);
    }

    private static async Task SeedCartsAsync(EventStore store, int carts, int rounds)
    {
        var ids = Enumerable.Range(0, carts).Select(_ => Guid.CreateVersion7()).ToList();
        for (var round = 0; round < rounds; round++)
        {
            await Task.WhenAll(ids.Select((id, i) => store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Any,
                round % 4 == 3 ? [new ItemRemoved($"r{round}")] : [new ItemAdded($"i{round}", i + round)]))));
        }
    }

    private async Task<List<string>> CartsAsync() =>
        await Sql.ListAsync(fixture.Database.DataSource,
            "select stream_id, items, quantity, last_version, names from test.carts order by stream_id",
            r => $"{r.GetGuid(0)}|{r.GetInt32(1)}|{r.GetInt32(2)}|{r.GetInt64(3)}|{r.GetString(4)}");
}
