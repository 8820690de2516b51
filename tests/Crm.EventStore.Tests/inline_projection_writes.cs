using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>
/// An append's last inline projection leaves its last writes for the commit (ProjectionContext.WriteLastAsync): they go in the
/// commit's round trip. They must still commit with the events or roll back with them, only the last projection itself may defer
/// (not a part of a composite, whose own later statements must follow its part's writes), and the connection goes back clean.
/// </summary>
public sealed class inline_projection_writes(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task only_the_last_projection_defers_and_every_one_writes_with_the_events()
    {
        var first = new BatchWatcher("watch-first");
        var last = new BatchWatcher("watch-last");
        var store = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [first, new CartProjection(), last]);
        var id = Guid.CreateVersion7();

        await store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("a", 2)), new AppendOptions { IdempotencyKey = "w-" + Guid.NewGuid() });
        await store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("b", 3)]));

        // Ran at once: the batch still held its commands after the call. Deferred: the engine took them for the commit.
        Assert.Equal([false, false], first.Deferred);
        Assert.Equal([true, true], last.Deferred);
        Assert.Equal(2L, await SeenAsync("watch-first", id));
        Assert.Equal(2L, await SeenAsync("watch-last", id));
        Assert.Equal("2|5|2", await Sql.ScalarAsync<string>(fixture.Database.DataSource,
            "select items || '|' || quantity || '|' || last_version from test.carts where stream_id = @id", ("id", id)));
    }

    [Fact]
    public async Task a_composite_projection_last_in_line_sees_its_parts_writes()
    {
        var store = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [new RecorderProjection("composite-before"), new MarkedCarts()]);
        var id = Guid.CreateVersion7();

        await store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("new", 1)));

        // The part's upsert ran before the composite's own update: the new row carries the mark.
        Assert.Equal("new!", await Sql.ScalarAsync<string>(fixture.Database.DataSource, "select names from test.carts where stream_id = @id", ("id", id)));
    }

    [Fact]
    public async Task a_last_write_the_database_refuses_rolls_back_the_events_the_key_and_the_other_projections()
    {
        // Two connections: the store's notifier keeps one once an append committed, so every append and read shares the other —
        // a connection left in a transaction would fail the ones after it.
        await using var single = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { MaxPoolSize = 2 }.ConnectionString);
        // The recorder goes last; for "refused" it adds a write that breaks a not-null column, sent with the commit.
        var store = new EventStore(single, TestRegistry.Create(),
            [new CartProjection(), new RecorderProjection("writes-last", extraSql: e => e.Data is ItemAdded { Name: "refused" }
                ? "insert into test.seen (event_id, stream_id, version, projection) values (null, null, 0, 'x')" : null)]);
        var id = Guid.CreateVersion7();
        var key = "refused-" + Guid.NewGuid();

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("refused", 1)), new AppendOptions { IdempotencyKey = key }));
        Assert.Equal(PostgresErrorCodes.NotNullViolation, error.SqlState);

        Assert.Null(await store.GetStreamAsync(id));
        Assert.Null(await store.FindCommandAsync(key));
        Assert.Equal(0L, await SeenAsync("writes-last", id));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from test.carts where stream_id = @id", ("id", id)));
        await store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("fine", 1)), new AppendOptions { IdempotencyKey = key });
        Assert.Equal(1L, await SeenAsync("writes-last", id));
    }

    [Fact]
    public async Task a_commit_refused_by_a_deferred_constraint_fails_the_append_and_leaves_the_connection_clean()
    {
        await Sql.ScalarAsync<int>(fixture.Database.DataSource,
            "create table if not exists test.once (name text, unique (name) deferrable initially deferred); select 1");
        // Two connections: the store's notifier keeps one, every append and read shares the other.
        await using var single = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { MaxPoolSize = 2 }.ConnectionString);
        var store = new EventStore(single, TestRegistry.Create(), [new CartProjection(), new OnceProjection()]);
        var name = "once-" + Guid.NewGuid();
        await store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded(name, 1)));
        var id = Guid.CreateVersion7();

        // The duplicate passes its statement (the check is deferred) and fails only at the commit, sent with it.
        var error = await Assert.ThrowsAsync<PostgresException>(() => store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded(name, 1))));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);

        Assert.Null(await store.GetStreamAsync(id));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from test.carts where stream_id = @id", ("id", id)));
        var next = await store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("other-" + Guid.NewGuid(), 1)));
        Assert.False(next.Replayed);
    }

    private Task<long> SeenAsync(string projection, Guid id) => Sql.ScalarAsync<long>(fixture.Database.DataSource,
        "select count(*) from test.seen where projection = @p and stream_id = @id", ("p", projection), ("id", id));

    /// <summary>Records each event in test.seen through WriteLastAsync, and whether the engine took the batch for the commit.</summary>
    private sealed class BatchWatcher(string name) : IProjection
    {
        public List<bool> Deferred { get; } = [];
        public string Name => name;
        public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ItemAdded)];

        public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
        {
            await using var batch = context.CreateBatch();
            foreach (var e in events)
            {
                var cmd = new NpgsqlBatchCommand("insert into test.seen (event_id, stream_id, version, projection) values ($1, $2, $3, $4)");
                cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.EventId });
                cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.StreamId });
                cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Version });
                cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
                batch.BatchCommands.Add(cmd);
            }
            await context.WriteLastAsync(this, batch, ct);
            Deferred.Add(batch.BatchCommands.Count == 0);
        }

        public Task ResetAsync(ProjectionContext context, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>A composite, as PaymentsProjection is: a table part, then a statement of its own over the part's rows.</summary>
    private sealed class MarkedCarts : IProjection
    {
        private readonly CartProjection part = new();
        public string Name => "marked-carts";
        public IReadOnlyCollection<Type> EventTypes => part.EventTypes;

        public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
        {
            await part.ApplyAsync(events, context, ct);
            await using var cmd = context.CreateCommand("update test.carts set names = names || '!' where stream_id = any($1)");
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = events.Select(e => e.StreamId).Distinct().ToArray() });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public Task ResetAsync(ProjectionContext context, CancellationToken ct) => part.ResetAsync(context, ct);
    }

    /// <summary>One row per item name in test.once, whose uniqueness is checked at the commit.</summary>
    private sealed class OnceProjection : EventProjection
    {
        public override string Name => "once";
        public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ItemAdded)];
        public override IReadOnlyList<string> Tables => [];

        protected override void Project(StoredEvent e, NpgsqlBatch batch) =>
            batch.BatchCommands.Add(new NpgsqlBatchCommand("insert into test.once (name) values ($1)")
            {
                Parameters = { new NpgsqlParameter<string> { TypedValue = ((ItemAdded)e.Data).Name } },
            });

        public override Task ResetAsync(ProjectionContext context, CancellationToken ct) => Task.CompletedTask;
    }
}
