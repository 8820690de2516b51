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
