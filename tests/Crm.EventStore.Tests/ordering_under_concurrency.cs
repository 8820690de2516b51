using System.Collections.Concurrent;

namespace Crm.EventStore.Tests;

/// <summary>
/// The global feed under load: 8 writers mixing single- and multi-stream appends and appends that roll
/// back, while an async projection consumes. Afterwards the projection has seen each committed event
/// exactly once, no rolled-back one, and every stream's events in version order.
/// </summary>
public sealed class ordering_under_concurrency(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task an_async_projection_sees_every_committed_event_once_and_in_stream_order()
    {
        var store = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [new SaboteurProjection()]);
        await using var daemon = DaemonFactory.Create(store, new RecorderProjection("stress"));
        await daemon.StartAsync();

        var streams = Enumerable.Range(0, 40).Select(_ => Guid.CreateVersion7()).ToArray();
        var rolledBack = new ConcurrentBag<Guid>();
        var committed = 0;
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            // A fixed number of attempts, not a time slice: on a loaded machine a time slice commits too little to prove anything.
            for (var attempt = 0; attempt < 60; attempt++)
            {
                var kind = random.Next(10);
                var first = streams[random.Next(streams.Length)];
                try
                {
                    // Each shape takes its own statement in the store: "any" (the append function), a
                    // known version (the one-stream statement), several streams at known versions (the set-based one).
                    if (kind < 3)
                    {
                        await store.AppendAsync(new StreamAppend(first, "cart", ExpectedVersion.Any, [new ItemAdded("single", 1)]));
                    }
                    else if (kind < 5)
                    {
                        await store.AppendAsync(new StreamAppend(first, "cart", await KnownVersionAsync(store, first), [new ItemAdded("single", 1)]));
                    }
                    else if (kind < 8)
                    {
                        var second = streams[random.Next(streams.Length)];
                        if (second == first) continue;
                        var known = kind == 7;
                        await store.AppendAsync(
                        [
                            new StreamAppend(first, "cart", known ? await KnownVersionAsync(store, first) : ExpectedVersion.Any, [new ItemAdded("multi", 1), new ItemAdded("multi", 2)]),
                            new StreamAppend(second, "cart", known ? await KnownVersionAsync(store, second) : ExpectedVersion.Any, [new ItemAdded("multi", 1)]),
                        ]);
                    }
                    else
                    {
                        // Writes its events, then the inline projection fails and the transaction rolls back.
                        var doomed = Guid.CreateVersion7();
                        rolledBack.Add(doomed);
                        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(
                        [
                            new StreamAppend(first, "cart", ExpectedVersion.Any, [new ItemAdded("doomed", 1)]),
                            StreamAppend.Start(doomed, "cart", new ItemAdded("doomed", 1)),
                        ]));
                        continue;
                    }
                    Interlocked.Increment(ref committed);
                }
                catch (ConcurrencyException)
                {
                    // A known version went stale, or "any" gave up after its retries: nothing was written.
                }
            }
        })).ToList();
        await Task.WhenAll(writers);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));

        var seen = await Sql.ListAsync(fixture.Database.DataSource,
            "select event_id, stream_id, version from test.seen where projection = 'stress' order by ordinal",
            r => (EventId: r.GetGuid(0), StreamId: r.GetGuid(1), Version: r.GetInt64(2)));
        var stored = await Sql.ListAsync(fixture.Database.DataSource, "select event_id from es.events where data->>'name' in ('single', 'multi', 'doomed')", r => r.GetGuid(0));

        Assert.True(committed > 100, $"only {committed} appends committed");
        Assert.Equal(seen.Count, seen.Select(s => s.EventId).Distinct().Count());               // exactly once
        Assert.Equal(stored.ToHashSet(), seen.Select(s => s.EventId).ToHashSet());              // every committed one
        Assert.DoesNotContain(seen, s => rolledBack.Contains(s.StreamId));                      // no rolled-back one
        Assert.Empty(await Sql.ListAsync(fixture.Database.DataSource, "select 1 from es.events where data->>'name' = 'doomed'", r => 1));
        foreach (var stream in seen.GroupBy(s => s.StreamId))                                  // stream order
        {
            Assert.Equal(Enumerable.Range(1, stream.Count()).Select(v => (long)v), stream.Select(s => s.Version));
        }
    }

    private static async Task<ExpectedVersion> KnownVersionAsync(EventStore store, Guid stream) =>
        await store.GetStreamAsync(stream) is { } info ? ExpectedVersion.Exactly(info.Version) : ExpectedVersion.NoStream;
}
