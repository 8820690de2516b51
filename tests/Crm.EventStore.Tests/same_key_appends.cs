using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>
/// Appends sharing an idempotency key run in turn (an advisory lock on the key inside es.append_events),
/// and each reads the command log only once it holds the lock: a twin racing for the same client-chosen
/// stream answers the first append's result instead of meeting its stream as a conflict.
/// </summary>
public sealed class same_key_appends(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private EventStore Store => fixture.Store;

    [Fact]
    public async Task racing_twins_starting_one_client_chosen_stream_all_answer_the_first()
    {
        var key = "race-" + Guid.NewGuid();
        var id = Guid.CreateVersion7();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("race", 1)), new AppendOptions { IdempotencyKey = key, RequestHash = "h" }))));

        Assert.Equal(1, results.Count(r => !r.Replayed));
        Assert.Single(results.Select(r => r.Sequences[0]).Distinct());
        Assert.All(results, r => Assert.Equal([1L], r.Versions));
        Assert.Single(await Store.ReadStreamAsync(id));
    }

    [Fact]
    public async Task racing_twins_over_several_streams_all_answer_the_first()
    {
        var key = "race-many-" + Guid.NewGuid();
        var existing = Guid.CreateVersion7();
        await Store.AppendAsync(StreamAppend.Start(existing, "cart", new ItemAdded("there", 1)));
        var fresh = Guid.CreateVersion7();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.AppendAsync(
            [
                StreamAppend.Start(fresh, "cart", new ItemAdded("new", 1)),
                new StreamAppend(existing, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("moved", 1)]),
            ], new AppendOptions { IdempotencyKey = key, RequestHash = "h" }))));

        Assert.Equal(1, results.Count(r => !r.Replayed));
        Assert.All(results, r => Assert.Equal([1L, 2L], r.Versions));
        Assert.Equal(2, (await Store.GetStreamAsync(existing))!.Version);
    }

    [Fact]
    public async Task a_keyed_append_waits_for_its_uncommitted_twin_and_then_answers_its_result()
    {
        var key = "wait-" + Guid.NewGuid();
        var id = Guid.CreateVersion7();
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var twin = await connection.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand(
            """
            select 1 from es.append_events(array[@id], array['cart'], array[0::bigint], array[1], array[gen_random_uuid()], array['test.item-added'],
                array[1], array['{"name":"twin","quantity":1}'::jsonb], array['{}'::jsonb], @k, 'h', null, null)
            """, connection, twin))
        {
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("k", key);
            await cmd.ExecuteScalarAsync();
        }

        var second = Task.Run(() => Store.AppendAsync(
            StreamAppend.Start(id, "cart", new ItemAdded("second", 1)), new AppendOptions { IdempotencyKey = key, RequestHash = "h" }));
        await AdvisoryWaits.UntilBlockedAsync(fixture.Database.DataSource, second, "The second append (the twin holds the key)");
        await twin.CommitAsync();

        var result = await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(result.Replayed);
        Assert.Equal(new ItemAdded("twin", 1), Assert.Single(await Store.ReadStreamAsync(id)).Data);
    }

    [Fact]
    public async Task appends_with_other_keys_do_not_wait_for_a_held_key()
    {
        var held = "held-" + Guid.NewGuid();
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var holder = await connection.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("select pg_advisory_xact_lock(1229276493, hashtext(@k))", connection, holder))
        {
            cmd.Parameters.AddWithValue("k", held);
            await cmd.ExecuteScalarAsync();
        }

        var other = await Store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("other", 1)),
            new AppendOptions { IdempotencyKey = "other-" + Guid.NewGuid() }).WaitAsync(TimeSpan.FromSeconds(30));
        var unkeyed = await Store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("unkeyed", 1)))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(other.Replayed);
        Assert.False(unkeyed.Replayed);
        await holder.RollbackAsync();
    }
}
