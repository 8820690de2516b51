namespace Crm.EventStore.Tests;

/// <summary>
/// A store whose newest event was written in a transaction the server has not reached yet — what a logical restore into a younger
/// cluster leaves — is refused: a new event would sort before it and never be read.
/// </summary>
public sealed class transaction_order(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task a_store_whose_newest_event_is_ahead_of_the_servers_transaction_counter_is_refused()
    {
        await fixture.Store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("now", 1)));
        await TransactionOrder.CheckAsync(fixture.Database.DataSource);

        // As restored from a cluster 5,000,000 transactions older than this one.
        var stream = Guid.CreateVersion7();
        await Sql.ScalarAsync<int>(fixture.Database.DataSource,
            """
            with s as (insert into es.streams (stream_id, stream_type, version) values (@id, 'cart', 1) returning stream_id)
            insert into es.events (event_id, stream_id, version, event_type, data, tx_id)
            select gen_random_uuid(), stream_id, 1, 'test.item-added', '{"Name":"restored","Quantity":1}',
                   ((pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 5000000)::text)::xid8
            from s returning 1
            """, ("id", stream));

        var refused = await Assert.ThrowsAsync<TransactionOrderException>(() => TransactionOrder.CheckAsync(fixture.Database.DataSource));
        Assert.True(refused.NewestEvent >= refused.NextTransaction + 4_000_000);
        Assert.Contains("ops/restore", refused.Message, StringComparison.Ordinal);
    }
}
