namespace Crm.EventStore.Tests;

/// <summary>
/// A command's everyday append — one stream at a known version, with an idempotency key — runs as one plain statement after the
/// key's lock, in the same round trip (EventStore.AppendFast), not through es.append_events: it must answer as the function did.
/// </summary>
public sealed class keyed_single_stream_appends(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private EventStore Store => fixture.Store;

    private static AppendOptions Keyed(string key, string? result = null) => new() { IdempotencyKey = key, RequestHash = "h", Result = result };

    [Fact]
    public async Task a_keyed_append_to_a_stream_that_moved_is_a_conflict_naming_its_version_and_logs_nothing()
    {
        var id = Guid.CreateVersion7();
        await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("a", 1)));
        await Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("b", 1)]));
        var key = "moved-" + Guid.NewGuid();

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("late", 1)]), Keyed(key)));
        var taken = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("again", 1)), Keyed(key)));

        Assert.Equal((id, 2L), (conflict.StreamId, conflict.Actual));
        Assert.Equal(2L, taken.Actual);
        Assert.Null(await Store.FindCommandAsync(key));
        Assert.Equal(2, (await Store.ReadStreamAsync(id)).Count);
    }

    [Fact]
    public async Task a_keyed_append_to_an_archived_stream_is_refused_as_archived()
    {
        var id = Guid.CreateVersion7();
        await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("a", 1)));
        await Store.ArchiveStreamAsync(id);

        var error = await Assert.ThrowsAsync<StreamArchivedException>(() =>
            Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("b", 1)]), Keyed("archived-" + Guid.NewGuid())));
        Assert.Equal(id, error.StreamId);
    }

    [Fact]
    public async Task several_events_with_a_key_are_logged_with_their_sequences_and_a_replay_answers_them_and_the_first_result()
    {
        var id = Guid.CreateVersion7();
        await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("a", 1)));
        var key = "many-" + Guid.NewGuid();
        var append = new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("b", 2), new ItemRemoved("a"), new ItemAdded("c", 3)]);

        var first = await Store.AppendAsync(append, Keyed(key, """{"id":"first"}"""));
        var replay = await Store.AppendAsync(append, Keyed(key, """{"id":"second"}"""));

        Assert.False(first.Replayed);
        Assert.Equal([4L], first.Versions);
        Assert.Equal(3, first.Sequences.Count);
        Assert.True(replay.Replayed);
        Assert.Equal(first.Sequences, replay.Sequences);
        Assert.Equal(first.Versions, replay.Versions);
        Assert.Equal("""{"id": "first"}""", replay.Result);
        var logged = (await Store.FindCommandAsync(key))!;
        Assert.Equal([id], logged.StreamIds);
        Assert.Equal([4L], logged.Versions);
        Assert.Equal("h", logged.RequestHash);
        var events = await Store.ReadStreamAsync(id);
        Assert.Equal(first.Sequences, events.Skip(1).Select(e => e.Sequence).ToArray());
    }

    [Fact]
    public async Task a_replayed_keyed_append_does_not_run_the_inline_projections_again()
    {
        var store = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [new RecorderProjection("keyed-recorder")]);
        var id = Guid.CreateVersion7();
        var key = "inline-" + Guid.NewGuid();

        await store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("once", 1)), Keyed(key));
        var replay = await store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("once", 1)), Keyed(key));

        Assert.True(replay.Replayed);
        Assert.Equal(1, await Sql.ScalarAsync<long>(fixture.Database.DataSource,
            "select count(*) from test.seen where projection = 'keyed-recorder' and stream_id = @id", ("id", id)));
    }

    [Fact]
    public async Task a_keyed_append_whose_inline_projection_fails_leaves_no_key_behind_and_its_retry_appends()
    {
        var store = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [new SaboteurProjection()]);
        var id = Guid.CreateVersion7();
        var key = "doomed-" + Guid.NewGuid();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("doomed", 1)), Keyed(key)));
        Assert.Null(await Store.FindCommandAsync(key));
        Assert.Null(await Store.GetStreamAsync(id));

        var retry = await store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("fine", 1)), Keyed(key));
        Assert.False(retry.Replayed);
        Assert.NotNull(await Store.FindCommandAsync(key));
    }
}
