namespace Crm.EventStore.Tests;

public sealed class idempotency_keys(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private EventStore Store => fixture.Store;

    [Fact]
    public async Task a_command_with_a_key_already_seen_returns_the_stored_result_and_appends_nothing()
    {
        var key = "key-" + Guid.NewGuid();
        var id = Guid.CreateVersion7();
        var options = new AppendOptions { IdempotencyKey = key, RequestHash = "h1", Result = """{"id":"first"}""" };

        var first = await Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("a", 1)), options);
        // The retry would even pick another id: the key alone decides.
        var retry = await Store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("a", 1)), options with { Result = """{"id":"second"}""" });

        Assert.False(first.Replayed);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Versions, retry.Versions);
        Assert.Equal(first.Sequences, retry.Sequences);
        Assert.Equal("""{"id": "first"}""", retry.Result);
        Assert.Equal(1, await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from es.events e join es.command_log c on e.seq_id = any(c.seq_ids) where c.idempotency_key = @k", ("k", key)));
    }

    [Fact]
    public async Task concurrent_twins_with_one_key_append_once()
    {
        var key = "twin-" + Guid.NewGuid();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("twin", 1)), new AppendOptions { IdempotencyKey = key }))));

        Assert.Equal(1, results.Count(r => !r.Replayed));
        Assert.Single(results.Select(r => r.Sequences[0]).Distinct());
        Assert.Equal(1, await Sql.ScalarAsync<long>(fixture.Database.DataSource, "select count(*) from es.events where data->>'name' = 'twin'"));
    }

    [Fact]
    public async Task a_key_reused_for_another_request_is_refused()
    {
        var key = "reuse-" + Guid.NewGuid();
        await Store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("a", 1)), new AppendOptions { IdempotencyKey = key, RequestHash = "one" });

        var error = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() =>
            Store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("b", 1)), new AppendOptions { IdempotencyKey = key, RequestHash = "two" }));
        Assert.Equal(key, error.Key);
    }
}
