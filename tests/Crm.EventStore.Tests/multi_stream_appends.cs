namespace Crm.EventStore.Tests;

/// <summary>
/// Appends to several streams with known versions take one set-based statement (EventStore.AppendMany):
/// the same guarantees as the single-stream path and the general function, checked here on that path.
/// </summary>
public sealed class multi_stream_appends(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private EventStore Store => fixture.Store;

    [Fact]
    public async Task new_and_existing_streams_move_on_together_in_request_order()
    {
        var existing = await NewCartAsync();
        // Request order deliberately not id order: versions must come back in request order.
        var fresh = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() }.OrderDescending().ToArray();

        var result = await Store.AppendAsync(
        [
            StreamAppend.Start(fresh[0], "cart", new ItemAdded("a", 1), new ItemAdded("b", 2)),
            new StreamAppend(existing, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("c", 3)]),
            StreamAppend.Start(fresh[1], "cart", new ItemAdded("d", 4)),
        ]);

        Assert.Equal([2L, 2L, 1L], result.Versions);
        Assert.Equal(4, result.Sequences.Count);
        Assert.Equal(result.Sequences.Order(), result.Sequences);
        Assert.Equal([1L, 2L], (await Store.ReadStreamAsync(fresh[0])).Select(e => e.Version));
        Assert.Equal(new ItemAdded("b", 2), (await Store.ReadStreamAsync(fresh[0]))[1].Data);
        Assert.Equal([1L, 2L], (await Store.ReadStreamAsync(existing)).Select(e => e.Version));
        Assert.Equal(2, (await Store.GetStreamAsync(fresh[0]))!.Version);
    }

    [Fact]
    public async Task a_stale_stream_among_several_is_named_with_expected_and_actual_and_nothing_is_written()
    {
        var a = await NewCartAsync();
        var b = await NewCartAsync();
        await Store.AppendAsync(new StreamAppend(b, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("moved on", 1)]));
        var fresh = Guid.CreateVersion7();

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AppendAsync(
        [
            new StreamAppend(a, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("to-a", 1)]),
            new StreamAppend(b, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("to-b", 1)]),
            StreamAppend.Start(fresh, "cart", new ItemAdded("new", 1)),
        ]));

        Assert.Equal((b, ExpectedVersion.Exactly(1), 2L), (conflict.StreamId, conflict.Expected, conflict.Actual));
        Assert.Single(await Store.ReadStreamAsync(a));
        Assert.Equal(2, (await Store.ReadStreamAsync(b)).Count);
        Assert.Null(await Store.GetStreamAsync(fresh));
    }

    [Fact]
    public async Task starting_a_stream_that_exists_among_several_is_a_conflict()
    {
        var a = await NewCartAsync();
        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AppendAsync(
        [
            StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("new", 1)),
            StreamAppend.Start(a, "cart", new ItemAdded("again", 1)),
        ]));
        Assert.Equal((a, ExpectedVersion.NoStream, 1L), (conflict.StreamId, conflict.Expected, conflict.Actual));
    }

    [Fact]
    public async Task an_archived_stream_among_several_refuses_the_whole_append()
    {
        var a = await NewCartAsync();
        var archived = await NewCartAsync();
        await Store.ArchiveStreamAsync(archived);

        var refused = await Assert.ThrowsAsync<StreamArchivedException>(() => Store.AppendAsync(
        [
            new StreamAppend(a, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("to-a", 1)]),
            new StreamAppend(archived, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("late", 1)]),
        ]));

        Assert.Equal(archived, refused.StreamId);
        Assert.Single(await Store.ReadStreamAsync(a));
    }

    [Fact]
    public async Task writers_that_take_the_same_streams_in_opposite_orders_never_deadlock_and_one_wins()
    {
        for (var round = 0; round < 15; round++)
        {
            var streams = new List<Guid>();
            for (var i = 0; i < 6; i++) streams.Add(await NewCartAsync());
            var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
            {
                // Each writer names the streams in its own order; all expect version 1 everywhere.
                var order = w % 2 == 0 ? streams : Enumerable.Reverse(streams).ToList();
                try
                {
                    await Store.AppendAsync(order.Select(id => new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded($"w{w}", 1)])).ToList());
                    return true;
                }
                catch (ConcurrencyException)
                {
                    return false;
                }
            })).ToList();

            var outcomes = await Task.WhenAll(writers);

            Assert.Equal(1, outcomes.Count(won => won));
            foreach (var id in streams) Assert.Equal([1L, 2L], (await Store.ReadStreamAsync(id)).Select(e => e.Version));
        }
    }

    [Fact]
    public async Task two_writers_starting_the_same_new_streams_leave_exactly_one_set_of_events()
    {
        for (var round = 0; round < 15; round++)
        {
            var ids = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToList();
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                try
                {
                    await Store.AppendAsync(ids.Select(id => StreamAppend.Start(id, "cart", new ItemAdded($"w{w}", 1))).ToList());
                    return true;
                }
                catch (ConcurrencyException)
                {
                    return false;
                }
            })));

            Assert.Equal(1, outcomes.Count(won => won));
            var winners = new HashSet<string>();
            foreach (var id in ids)
            {
                var events = await Store.ReadStreamAsync(id);
                winners.Add(((ItemAdded)Assert.Single(events).Data).Name);
            }
            Assert.Single(winners);
        }
    }

    private async Task<Guid> NewCartAsync()
    {
        var id = Guid.CreateVersion7();
        await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("first", 1)));
        return id;
    }
}
