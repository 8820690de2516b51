using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>
/// An append's last inline projection leaves its last writes for the commit (ProjectionContext.WriteLastAsync): they go in the
/// commit's round trip. They must still commit with the events, or roll back with them.
/// </summary>
public sealed class inline_projection_writes(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task every_inline_projection_writes_with_the_events_the_last_one_in_the_commits_round_trip()
    {
        var store = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [new RecorderProjection("writes-first"), new CartProjection()]);
        var id = Guid.CreateVersion7();

        await store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("a", 2)), new AppendOptions { IdempotencyKey = "w-" + Guid.NewGuid() });
        await store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("b", 3)]));

        Assert.Equal(2L, await SeenAsync("writes-first", id));
        Assert.Equal("2|5|2", await Sql.ScalarAsync<string>(fixture.Database.DataSource,
            "select items || '|' || quantity || '|' || last_version from test.carts where stream_id = @id", ("id", id)));
    }

    [Fact]
    public async Task a_last_write_the_database_refuses_rolls_back_the_events_the_key_and_the_other_projections()
    {
        // The recorder goes last; for "refused" it adds a write that breaks a not-null column, sent with the commit.
        var store = new EventStore(fixture.Database.DataSource, TestRegistry.Create(),
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
        // The pooled connection is clean again: the next append commits.
        for (var i = 0; i < 3; i++)
            await store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("fine", 1)));
        await store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("fine", 1)), new AppendOptions { IdempotencyKey = key });
        Assert.Equal(1L, await SeenAsync("writes-last", id));
    }

    private Task<long> SeenAsync(string projection, Guid id) => Sql.ScalarAsync<long>(fixture.Database.DataSource,
        "select count(*) from test.seen where projection = @p and stream_id = @id", ("p", projection), ("id", id));
}
