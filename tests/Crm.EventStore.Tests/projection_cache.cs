using Crm.EventStore.Projections;

namespace Crm.EventStore.Tests;

/// <summary>
/// A projection that remembers the rows it wrote between batches must never be handed a row the tables do not hold: not from a batch
/// that failed after keeping its rows, not after another runner led, not after a rebuild, and never inline.
/// </summary>
public sealed class projection_cache(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const int Carts = 60;

    [Fact]
    public async Task a_batch_that_fails_after_keeping_its_rows_leaves_nothing_behind_and_the_retry_counts_once()
    {
        var name = "cached-" + Guid.NewGuid().ToString("N")[..8];
        var carts = await SeedAsync(rounds: 6);
        var failed = false;
        var projection = new CachedTotalsProjection(name)
        {
            // Once, in a batch that starts past the first pass (so the cache holds rows when it fails).
            FailAfterWriting = events => !failed && events.Any(e => e.Data is ItemAdded { Name: "r3" }) && (failed = true),
        };
        await using (var daemon = DaemonFactory.Create(fixture.Store, projection))
        {
            await daemon.StartAsync();
            await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        }

        Assert.True(failed);
        Assert.True(projection.Remembered > 0, "the cache served no row: the test would prove nothing");
        await AssertTotalsAsync(name, carts, rounds: 6);
    }

    [Fact]
    public async Task rows_remembered_before_another_runner_led_or_a_rebuild_are_forgotten()
    {
        var name = "cached-" + Guid.NewGuid().ToString("N")[..8];
        var carts = await SeedAsync(rounds: 3);
        var first = new CachedTotalsProjection(name);
        await RunAsync(first);
        Assert.True(first.Cache.Count > 0);

        await AppendRoundAsync(carts, 3);
        await RunAsync(new CachedTotalsProjection(name)); // another host leads: the first's rows are stale now
        await AppendRoundAsync(carts, 4);
        await RunAsync(first);
        await AssertTotalsAsync(name, carts, rounds: 5);

        await using (var daemon = DaemonFactory.Create(fixture.Store, first))
        {
            await daemon.StartAsync();
            await daemon.RebuildAsync(name);
            await AppendRoundAsync(carts, 5);
            await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        }
        await AssertTotalsAsync(name, carts, rounds: 6);
    }

    [Fact]
    public async Task inline_it_remembers_nothing()
    {
        var projection = new CachedTotalsProjection("cached-inline-" + Guid.NewGuid().ToString("N")[..8]);
        var store = new EventStore(fixture.Store.DataSource, fixture.Store.Registry, [projection]);
        var cart = Guid.CreateVersion7();
        await store.AppendAsync(StreamAppend.Start(cart, "cart", new ItemAdded("a", 2)));
        await store.AppendAsync(new StreamAppend(cart, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("b", 3)]));

        Assert.Equal(0, projection.Cache.Count);
        Assert.Equal(5L, await Sql.ScalarAsync<long>(fixture.Database.DataSource,
            "select quantity from test.cart_totals where projection = @p and stream_id = @s", ("p", projection.Name), ("s", cart)));
    }

    [Fact]
    public async Task it_keeps_the_rows_touched_last_within_its_capacity()
    {
        var cache = new ProjectionCache<int, string>(capacity: 4);
        await using var connection = await fixture.Store.DataSource.OpenConnectionAsync();
        var continuity = new object();
        foreach (var batch in new[] { new[] { 1, 2 }, [3], [1, 4] })
        {
            await using var tx = await connection.BeginTransactionAsync();
            var context = new ProjectionContext(connection, tx) { Continuity = continuity };
            cache.Keep(context, batch.Select(k => KeyValuePair.Create(k, (string?)$"v{k}")).ToList());
            Assert.Empty(cache.Known(context, batch.Where(k => k == 4))); // kept only once committed
            await tx.CommitAsync();
            context.Committed();
        }
        await using var last = await connection.BeginTransactionAsync();
        var known = cache.Known(new ProjectionContext(connection, last) { Continuity = continuity }, [1, 2, 3, 4]);
        Assert.Equal([1, 3, 4], known.Keys.Order()); // 2 was in the older generation when it was dropped
        Assert.Equal(3, cache.Count);
        Assert.Empty(cache.Known(new ProjectionContext(connection, last) { Continuity = new object() }, [1]));
        Assert.Equal(0, cache.Count);
    }

    private async Task RunAsync(IProjection projection)
    {
        await using var daemon = DaemonFactory.Create(fixture.Store, projection);
        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
    }

    private async Task<Guid[]> SeedAsync(int rounds)
    {
        var carts = Enumerable.Range(0, Carts).Select(_ => Guid.CreateVersion7()).ToArray();
        for (var round = 0; round < rounds; round++) await AppendRoundAsync(carts, round);
        return carts;
    }

    private Task AppendRoundAsync(Guid[] carts, int round) => fixture.Store.AppendAsync(carts.Select((id, i) =>
        new StreamAppend(id, "cart", round == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(round), [new ItemAdded($"r{round}", i + round)])).ToList());

    /// <summary>Cart i got i + r in round r.</summary>
    private async Task AssertTotalsAsync(string name, Guid[] carts, int rounds)
    {
        var rows = await Sql.ListAsync(fixture.Database.DataSource,
            $"select stream_id, quantity, events from test.cart_totals where projection = '{name}'", r => (r.GetGuid(0), r.GetInt64(1), r.GetInt32(2)));
        var expected = carts.Select((id, i) => (id, (long)Enumerable.Range(0, rounds).Sum(r => i + r), rounds)).OrderBy(x => x.id).ToList();
        Assert.Equal(expected, rows.Where(x => carts.Contains(x.Item1)).OrderBy(x => x.Item1).ToList()); // other tests' carts are counted too
    }
}
