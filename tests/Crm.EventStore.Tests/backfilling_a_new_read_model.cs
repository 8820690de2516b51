using Crm.EventStore.Rebuilds;

namespace Crm.EventStore.Tests;

/// <summary>
/// A migration that adds an inline read model to a database with history calls es.request_backfill: the model is filled from the
/// events it missed (blue/green, like a rebuild), and appends leave it alone until its tables are swapped in — then apply it again.
/// </summary>
public sealed class backfilling_a_new_read_model(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task history_from_before_the_model_and_appends_during_the_backfill_all_arrive_once()
    {
        // Before the read model existed: the store ran without it.
        var before = fixture.Store;
        var carts = Enumerable.Range(0, 12).Select(_ => Guid.CreateVersion7()).ToList();
        foreach (var (id, i) in carts.Select((id, i) => (id, i)))
        {
            await before.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Any, [new ItemAdded("a", i), new ItemAdded("b", 1)]));
        }

        // The migration that adds it, then a host of the new build (the projection inline) takes an append before any back-fill ran.
        var store = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [new CartProjection()]);
        var types = store.TypeNames(new CartProjection()).ToArray();
        await Sql.ScalarAsync<int>(fixture.Database.DataSource, "select 1 from es.request_backfill('carts', @types)", ("types", types));
        await store.AppendAsync(new StreamAppend(carts[0], "cart", ExpectedVersion.Any, [new ItemAdded("during", 100)]));
        Assert.Equal(0L, await RowsAsync());
        var status = Assert.Single(await new InlineRebuilds(store).StatusAsync(["carts"], default));
        Assert.Equal(("rebuild_requested", true), (status.Status, status.Backfilling));

        await new InlineRebuilds(store, new ShadowRebuildOptions { BatchSize = 5 }).RunPendingAsync(default);

        Assert.Equal(12L, await RowsAsync());
        Assert.Equal("3|101", await CartAsync(carts[0]));
        Assert.Equal("2|6", await CartAsync(carts[5]));
        // Back to inline: the next append shows at once.
        await store.AppendAsync(new StreamAppend(carts[5], "cart", ExpectedVersion.Any, [new ItemAdded("after", 10)]));
        Assert.Equal("3|16", await CartAsync(carts[5]));
        status = Assert.Single(await new InlineRebuilds(store).StatusAsync(["carts"], default));
        Assert.Equal(("running", false), (status.Status, status.Backfilling));
    }

    [Fact]
    public async Task on_a_database_without_such_events_the_request_does_nothing()
    {
        await Sql.ScalarAsync<int>(fixture.Database.DataSource, "select 1 from es.request_backfill('nothing_yet', array['test.never-appended'])");
        Assert.Equal(0L, await Sql.ScalarAsync<long>(fixture.Database.DataSource,
            "select count(*) from es.shadow_rebuilds where projection = 'nothing_yet'"));
    }

    private Task<long> RowsAsync() => Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from test.carts");

    private Task<string> CartAsync(Guid id) =>
        Sql.ScalarAsync<string>(fixture.Database.DataSource, "select items || '|' || quantity from test.carts where stream_id = @id", ("id", id));
}
