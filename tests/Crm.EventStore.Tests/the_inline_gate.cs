using Crm.EventStore.Rebuilds;

namespace Crm.EventStore.Tests;

/// <summary>
/// Every append that runs inline projections passes the inline gate first (EventStore.AddInlineGate): a shared advisory lock a
/// blue/green swap holds exclusively, then the list of read models being back-filled, read only once the lock is held.
/// </summary>
public sealed class the_inline_gate(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task an_append_waits_at_the_gate_for_a_swap_and_reads_the_backfill_list_only_after_it(bool keyed)
    {
        // A swap under way: it holds the gate exclusively and has cleared the model's back-fill flag, not yet committed.
        var name = "gate-recorder-" + keyed;
        var store = new EventStore(fixture.Database.DataSource, TestRegistry.Create(), [new RecorderProjection(name)]);
        await Sql.ScalarAsync<int>(fixture.Database.DataSource,
            "insert into es.shadow_rebuilds (projection, status, backfill) values (@p, 'rebuilding', true) returning 1", ("p", name));
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var swap = await connection.BeginTransactionAsync();
        await using (var cmd = new Npgsql.NpgsqlCommand(
            $"select pg_advisory_xact_lock({ShadowRebuild.GateKey}); update es.shadow_rebuilds set backfill = false, status = 'running' where projection = @p",
            connection, swap))
        {
            cmd.Parameters.AddWithValue("p", name);
            await cmd.ExecuteNonQueryAsync();
        }

        var id = Guid.CreateVersion7();
        var options = keyed ? new AppendOptions { IdempotencyKey = "gate-" + Guid.NewGuid() } : null;
        var append = Task.Run(() => store.AppendAsync(StreamAppend.Start(id, "cart", new ItemAdded("at the gate", 1)), options));
        await AdvisoryWaits.UntilBlockedAsync(fixture.Database.DataSource, append, "The append (the swap holds the gate)");
        await swap.CommitAsync();
        await append.WaitAsync(TimeSpan.FromSeconds(30));

        // The swap committed before the append read the flag: the model is live again, and the append applied it inline.
        Assert.Equal(1L, await Sql.ScalarAsync<long>(fixture.Database.DataSource,
            "select count(*) from test.seen where projection = @p and stream_id = @id", ("p", name), ("id", id)));
    }
}
