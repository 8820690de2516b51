using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>What every caller of the store relies on: versions, conflicts, atomicity, immutability, time travel.</summary>
public sealed class event_store_contract(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private EventStore Store => fixture.Store;

    [Fact]
    public async Task a_new_stream_starts_at_version_one_and_reads_back_in_order()
    {
        var id = Guid.CreateVersion7();
        var result = await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("pen", 1), new ItemAdded("ink", 2)));

        Assert.Equal([2L], result.Versions);
        Assert.Equal(2, result.Sequences.Count);
        var events = await Store.ReadStreamAsync(id);
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
        Assert.Equal(new ItemAdded("ink", 2), events[1].Data);
        Assert.Equal("test.item-added", events[0].EventType);
        var stream = await Store.GetStreamAsync(id);
        Assert.Equal(("cart", 2L), (stream!.StreamType, stream.Version));
    }

    [Fact]
    public async Task an_append_with_the_expected_version_moves_the_stream_on()
    {
        var id = await NewCartAsync();
        var result = await Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemRemoved("pen")]));
        Assert.Equal([2L], result.Versions);
    }

    [Fact]
    public async Task a_stale_expected_version_is_a_conflict_that_names_stream_expected_and_actual()
    {
        var id = await NewCartAsync();
        await Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("a", 1)]));

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("b", 1)])));

        Assert.Equal((id, ExpectedVersion.Exactly(1), 2L), (conflict.StreamId, conflict.Expected, conflict.Actual));
        Assert.Equal(2, (await Store.ReadStreamAsync(id)).Count);
    }

    [Fact]
    public async Task starting_a_stream_that_exists_is_a_conflict()
    {
        var id = await NewCartAsync();
        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("x", 1))));
        Assert.Equal((ExpectedVersion.NoStream, 1L), (conflict.Expected, conflict.Actual));
    }

    [Fact]
    public async Task expecting_a_version_of_a_stream_that_does_not_exist_is_a_conflict_at_zero()
    {
        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Store.AppendAsync(new StreamAppend(Guid.CreateVersion7(), "cart", ExpectedVersion.Exactly(3), [new ItemAdded("x", 1)])));
        Assert.Equal(0, conflict.Actual);
    }

    [Fact]
    public async Task of_two_writers_with_the_same_expected_version_exactly_one_wins()
    {
        for (var round = 0; round < 20; round++)
        {
            var id = await NewCartAsync();
            var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                try
                {
                    await Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded($"w{i}", 1)]));
                    return true;
                }
                catch (ConcurrencyException)
                {
                    return false;
                }
            })).ToList();
            var outcomes = await Task.WhenAll(writers);

            Assert.Equal(1, outcomes.Count(won => won));
            Assert.Equal([1L, 2L], (await Store.ReadStreamAsync(id)).Select(e => e.Version));
        }
    }

    [Fact]
    public async Task appends_that_expect_any_version_all_land_with_contiguous_versions()
    {
        var id = await NewCartAsync();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Any, [new ItemAdded($"any{i}", 1)])))));

        Assert.Equal(Enumerable.Range(1, 17).Select(v => (long)v), (await Store.ReadStreamAsync(id)).Select(e => e.Version));
    }

    [Fact]
    public async Task a_multi_stream_append_is_all_or_nothing()
    {
        var a = await NewCartAsync();
        var b = await NewCartAsync();

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AppendAsync(
        [
            new StreamAppend(a, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("to-a", 1)]),
            new StreamAppend(b, "cart", ExpectedVersion.Exactly(5), [new ItemAdded("to-b", 1)]),
            StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("new", 1)),
        ]));
        Assert.Single(await Store.ReadStreamAsync(a));
        Assert.Single(await Store.ReadStreamAsync(b));

        var ok = await Store.AppendAsync(
        [
            new StreamAppend(a, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("to-a", 1)]),
            new StreamAppend(b, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("to-b", 1), new ItemAdded("to-b2", 1)]),
        ]);
        Assert.Equal([2L, 3L], ok.Versions);
    }

    [Fact]
    public async Task an_inline_projection_failure_rolls_the_whole_append_back()
    {
        var store = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [new SaboteurProjection()]);
        var id = Guid.CreateVersion7();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("doomed", 1))));

        Assert.Null(await store.GetStreamAsync(id));
        Assert.Empty(await store.ReadStreamAsync(id));
    }

    [Fact]
    public async Task events_cannot_be_updated_deleted_or_truncated()
    {
        var id = await NewCartAsync();
        foreach (var sql in new[]
                 {
                     $"update es.events set data = '{{}}' where stream_id = '{id}'",
                     $"delete from es.events where stream_id = '{id}'",
                     "truncate es.events cascade",
                 })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<object>(fixture.Database.DataSource, sql));
            Assert.Equal("ES001", error.SqlState);
        }
        Assert.Single(await Store.ReadStreamAsync(id));
    }

    [Fact]
    public async Task an_archived_stream_stays_readable_but_takes_no_more_events()
    {
        var id = await NewCartAsync();
        await Store.ArchiveStreamAsync(id);

        await Assert.ThrowsAsync<StreamArchivedException>(() =>
            Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Any, [new ItemAdded("late", 1)])));
        Assert.Single(await Store.ReadStreamAsync(id));
    }

    [Fact]
    public async Task time_travel_folds_a_stream_up_to_a_version_or_a_moment()
    {
        var id = Guid.CreateVersion7();
        var day = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("a", 1)), new AppendOptions { Timestamp = day });
        await Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("b", 2)]), new AppendOptions { Timestamp = day.AddDays(1) });
        await Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(2), [new ItemRemoved("a")]), new AppendOptions { Timestamp = day.AddDays(2) });

        static int Fold(int count, StoredEvent e) => e.Data is ItemAdded ? count + 1 : count - 1;
        Assert.Equal((2, 2L), await Store.AggregateStreamAsync(id, 0, Fold, toVersion: 2));
        Assert.Equal((2, 2L), await Store.AggregateStreamAsync(id, 0, Fold, asOf: day.AddDays(1).AddHours(1)));
        Assert.Equal((1, 3L), await Store.AggregateStreamAsync(id, 0, Fold));
        Assert.Null(await Store.AggregateStreamAsync(id, 0, Fold, asOf: day.AddHours(-1)));
        Assert.Equal(day.AddDays(1), (await Store.ReadStreamAsync(id))[1].Timestamp);
    }

    [Fact]
    public async Task metadata_travels_with_every_event_of_the_append()
    {
        var actor = Guid.CreateVersion7();
        var id = Guid.CreateVersion7();
        var metadata = new EventMetadata(actor, "corr-1", "cause-1", "req-1");
        await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("a", 1), new ItemAdded("b", 1)), new AppendOptions { Metadata = metadata });

        var events = await Store.ReadStreamAsync(id);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(metadata, e.Metadata));
    }

    [Fact]
    public async Task an_append_must_name_each_stream_once_and_carry_events()
    {
        var id = Guid.CreateVersion7();
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(
            [StreamAppend.Start(id, "cart", new ItemAdded("a", 1)), StreamAppend.Start(id, "cart", new ItemAdded("b", 1))]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Any, [])));
        await Assert.ThrowsAsync<EventTypeException>(() => Store.AppendAsync(StreamAppend.Start(id, "cart", new { Unregistered = true })));
        Assert.Null(await Store.GetStreamAsync(id));
    }

    private async Task<Guid> NewCartAsync()
    {
        var id = Guid.CreateVersion7();
        await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("first", 1)));
        return id;
    }
}
