namespace Crm.EventStore.Tests;

/// <summary>
/// A command loads a long stream from its snapshot and the events after it (EventStore.AggregateStreamAsync with a SnapshotPolicy):
/// always the state a full fold gives, whatever snapshot is there — none, another build's, an unreadable one — and a state that does
/// not read back from JSON as it was is never kept.
/// </summary>
public sealed class loading_from_snapshots(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly SnapshotPolicy Policy = new("test.cart@1", Every: 100);

    private static Cart Evolve(Cart cart, StoredEvent e) => e.Data switch
    {
        ItemAdded a => cart with { Items = cart.Items + 1, Quantity = cart.Quantity + a.Quantity, LastVersion = e.Version, Names = a.Name },
        ItemRemoved => cart with { Items = cart.Items - 1, LastVersion = e.Version },
        _ => cart,
    };

    private static readonly Cart Empty = new(0, 0, 0, "");

    private async Task<Guid> StreamAsync(int events)
    {
        var id = Guid.CreateVersion7();
        await AppendAsync(id, 0, events);
        return id;
    }

    private async Task AppendAsync(Guid id, long version, int events)
    {
        for (var done = 0; done < events; done += 50)
        {
            var batch = Enumerable.Range(done, Math.Min(50, events - done))
                .Select(i => i % 7 == 6 ? (object)new ItemRemoved($"item {i}") : new ItemAdded($"item {i}", i % 5 + 1)).ToArray();
            var expected = version + done == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version + done);
            await fixture.Store.AppendAsync(new StreamAppend(id, "cart", expected, batch));
        }
    }

    private async Task<(Cart State, long Version)> FullFoldAsync(Guid id) =>
        (await fixture.Store.AggregateStreamAsync(id, Empty, Evolve))!.Value;

    private async Task<(string Key, long Version)?> SnapshotRowAsync(Guid id)
    {
        var rows = await Sql.ListAsync(fixture.Database.DataSource, $"select state_key, version from es.snapshots where stream_id = '{id}'",
            r => (r.GetString(0), r.GetInt64(1)));
        return rows.Count == 0 ? null : rows[0];
    }

    [Fact]
    public async Task a_long_stream_is_snapshotted_and_then_loaded_from_the_snapshot_and_its_tail_as_a_full_fold_would()
    {
        var id = await StreamAsync(250);

        Assert.Equal(await FullFoldAsync(id), await fixture.Store.AggregateStreamAsync(id, Empty, Evolve, Policy));
        Assert.Equal(("test.cart@1", 250L), await SnapshotRowAsync(id));

        // A short tail: loaded on the snapshot, no new snapshot.
        await AppendAsync(id, 250, 30);
        Assert.Equal(await FullFoldAsync(id), await fixture.Store.AggregateStreamAsync(id, Empty, Evolve, Policy));
        Assert.Equal(("test.cart@1", 250L), await SnapshotRowAsync(id));

        // A tail as long as the policy's: a new snapshot at the head.
        await AppendAsync(id, 280, 100);
        Assert.Equal(await FullFoldAsync(id), await fixture.Store.AggregateStreamAsync(id, Empty, Evolve, Policy));
        Assert.Equal(("test.cart@1", 380L), await SnapshotRowAsync(id));
    }

    [Fact]
    public async Task the_snapshot_is_what_the_load_starts_from()
    {
        var id = await StreamAsync(120);
        await fixture.Store.AggregateStreamAsync(id, Empty, Evolve, Policy);
        // Tamper with the snapshot: a load that starts from it shows the tampering (so the tail really is all it folds).
        await Sql.ScalarAsync<int>(fixture.Database.DataSource,
            "update es.snapshots set data = jsonb_set(data, '{names}', '\"tampered\"') where stream_id = @s returning 1", ("s", id));

        var loaded = await fixture.Store.AggregateStreamAsync(id, Empty, Evolve, Policy);

        Assert.Equal(("tampered", 120L), (loaded!.Value.State.Names, loaded.Value.Version));
    }

    [Fact]
    public async Task a_snapshot_of_another_build_is_ignored_and_replaced()
    {
        var id = await StreamAsync(150);
        await Sql.ScalarAsync<int>(fixture.Database.DataSource,
            """insert into es.snapshots (stream_id, state_key, version, data) values (@s, 'test.cart@0', 150, '{"items":-1}') returning 1""",
            ("s", id));

        Assert.Equal(await FullFoldAsync(id), await fixture.Store.AggregateStreamAsync(id, Empty, Evolve, Policy));
        Assert.Equal(("test.cart@1", 150L), await SnapshotRowAsync(id));
    }

    [Fact]
    public async Task an_unreadable_snapshot_falls_back_to_the_whole_stream_and_is_rewritten()
    {
        var id = await StreamAsync(20);
        await Sql.ScalarAsync<int>(fixture.Database.DataSource,
            """insert into es.snapshots (stream_id, state_key, version, data) values (@s, 'test.cart@1', 10, '{"items":"many"}') returning 1""",
            ("s", id));

        Assert.Equal(await FullFoldAsync(id), await fixture.Store.AggregateStreamAsync(id, Empty, Evolve, Policy));
        Assert.Equal(("test.cart@1", 20L), await SnapshotRowAsync(id));
    }

    [Fact]
    public async Task a_missing_stream_loads_as_null_and_a_short_one_leaves_no_snapshot()
    {
        Assert.Null(await fixture.Store.AggregateStreamAsync(Guid.CreateVersion7(), Empty, Evolve, Policy));
        var id = await StreamAsync(99);
        Assert.Equal(await FullFoldAsync(id), await fixture.Store.AggregateStreamAsync(id, Empty, Evolve, Policy));
        Assert.Null(await SnapshotRowAsync(id));
    }

    [Fact]
    public async Task a_state_that_does_not_read_back_from_json_as_it_was_is_never_kept()
    {
        var id = await StreamAsync(150);
        var policy = new SnapshotPolicy("test.counted@1", Every: 1);

        var loaded = await fixture.Store.AggregateStreamAsync(id, new Counted(), (c, _) => c.Next(), policy);

        Assert.Equal(150, loaded!.Value.State.Count);
        Assert.Null(await SnapshotRowAsync(id));
    }

    /// <summary>Its count is a get-only property over a private field and no constructor takes it: JSON writes it and cannot read it back.</summary>
    public sealed class Counted
    {
        private int hits;

        public int Count => hits;

        public Counted Next() => new() { hits = hits + 1 };
    }
}
