namespace Crm.EventStore.Tests;

public sealed class poison_events(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static bool IsPoison(StoredEvent e) => e.Data is ItemAdded { Name: "poison" };

    [Fact]
    public async Task a_poison_event_is_dead_lettered_after_retries_and_the_projection_moves_on()
    {
        var store = fixture.Store;
        await using var daemon = DaemonFactory.Create(store, new RecorderProjection("poisoned", IsPoison));
        var before = Guid.CreateVersion7();
        var poison = Guid.CreateVersion7();
        var after = Guid.CreateVersion7();
        await store.AppendAsync(StreamAppend.Start(before, "cart", new ItemAdded("fine", 1)));
        await store.AppendAsync(StreamAppend.Start(poison, "cart", new ItemAdded("poison", 1)));
        await store.AppendAsync(StreamAppend.Start(after, "cart", new ItemAdded("fine", 1)));

        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));

        var seen = await Sql.ListAsync(fixture.Database.DataSource, "select stream_id from test.seen where projection = 'poisoned'", r => r.GetGuid(0));
        Assert.Contains(before, seen);
        Assert.Contains(after, seen);
        Assert.DoesNotContain(poison, seen);
        var status = Assert.Single(await daemon.StatusAsync());
        Assert.Equal((1L, 0L), (status.DeadLetters, status.EventsBehind));
        Assert.Equal(poison, await Sql.ScalarAsync<Guid>(fixture.Database.DataSource, "select stream_id from es.projection_dead_letters where projection = 'poisoned'"));
    }

    [Fact]
    public async Task a_rebuild_stops_on_poison_events_in_a_row_instead_of_skipping_them()
    {
        var store = fixture.Store;
        for (var i = 0; i < DaemonFactory.FastOptions.PoisonLimit; i++)
            await store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("strict poison", 1)));
        await using var daemon = DaemonFactory.Create(store, new RecorderProjection("strict", e => e.Data is ItemAdded { Name: "strict poison" }));
        await FeedHorizon.CoversHeadAsync(store); // the run in one replay batch

        var failure = await Assert.ThrowsAsync<Daemon.ProjectionFailedException>(() => daemon.RebuildAsync("strict"));
        Assert.Contains("in a row", failure.Message);
        var status = Assert.Single(await daemon.StatusAsync());
        Assert.Equal(("failed", 0L), (status.Status, status.DeadLetters));
    }

    [Fact]
    public async Task lag_is_reported_per_projection_until_it_catches_up()
    {
        var store = fixture.Store;
        await store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("lag", 1)));
        await using var daemon = DaemonFactory.Create(store, new RecorderProjection("lagging"));
        await daemon.RebuildAsync("lagging");
        await store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("lag", 1)));

        // Time behind is "now" minus the oldest unprojected event's commit time: it grows while the daemon is stopped.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var behind = Assert.Single(await daemon.StatusAsync());
        while (!(behind.EventsBehind >= 1 && behind.TimeBehind > TimeSpan.Zero))
        {
            Assert.True(DateTime.UtcNow < deadline, $"lag never showed: {behind}");
            await Task.Delay(10);
            behind = Assert.Single(await daemon.StatusAsync());
        }

        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));
        var caughtUp = Assert.Single(await daemon.StatusAsync());
        Assert.Equal((0L, TimeSpan.Zero), (caughtUp.EventsBehind, caughtUp.TimeBehind));
    }
}
