using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>
/// During a rolling deploy a newer node may append an event at a schema version this build does not know. Dead-lettering or skipping
/// it would lose it for the projection's newer code: this node stands down (lets go of the lead) and says why. Its own database: the
/// row would stop other tests' projections.
/// </summary>
public sealed class events_of_a_newer_build(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task a_node_meeting_an_event_newer_than_its_build_stands_down_without_skipping_or_dead_lettering_it()
    {
        var store = fixture.Store;
        await store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("fine", 1)));
        await using var daemon = DaemonFactory.Create(store, new RecorderProjection("older"));
        await daemon.StartAsync();
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));
        var before = Assert.Single(await daemon.StatusAsync()).Checkpoint;

        var future = Guid.CreateVersion7();
        await Sql.ScalarAsync<int>(fixture.Database.DataSource,
            """
            with started as (insert into es.streams (stream_id, stream_type, version) values (@s, 'cart', 1) returning 1)
            insert into es.events (event_id, stream_id, version, event_type, schema_version, data)
            select gen_random_uuid(), @s, 1, 'test.item-added', 99, '{"label":"from the future"}' from started
            returning 1
            """, ("s", future));
        await store.AppendAsync(StreamAppend.Start(Guid.CreateVersion7(), "cart", new ItemAdded("after", 1)));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var status = Assert.Single(await daemon.StatusAsync());
        while (status.LastError is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the node never stood down");
            await Task.Delay(20);
            status = Assert.Single(await daemon.StatusAsync());
        }
        Assert.Contains("newer than this build's v1", status.LastError);
        Assert.Equal(("running", 0L, 2L, before), (status.Status, status.DeadLetters, status.EventsBehind, status.Checkpoint));

        // It let go of the lead: a node of a newer build can take it.
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        var deadlineForLock = DateTime.UtcNow.AddSeconds(10);
        while (!await TryLeadAsync(connection, "older")) Assert.True(DateTime.UtcNow < deadlineForLock, "the lead was never released");
    }

    private static async Task<bool> TryLeadAsync(NpgsqlConnection connection, string projection)
    {
        await using var cmd = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended('crm.projection:' || @n, 0))", connection);
        cmd.Parameters.AddWithValue("n", projection);
        if ((bool)(await cmd.ExecuteScalarAsync())!) return true;
        await Task.Delay(10);
        return false;
    }
}
