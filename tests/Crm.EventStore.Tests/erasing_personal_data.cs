using System.Text.Json.Nodes;
using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>
/// The one path that rewrites events (docs/event-store.md, "Erasure"): an append carrying a <see cref="StreamErasure"/> masks the earlier
/// events of its stream in its own transaction, audited in es.erasures, and drops the copies (snapshot, request fingerprints); every
/// other change of es.events is still refused.
/// </summary>
public sealed class erasing_personal_data(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private EventStore Store => fixture.Store;
    private NpgsqlDataSource Db => fixture.Database.DataSource;

    // The test's "personal" field is an item's name; the erasure event is a CartPersonalDataErased naming no one.
    private static StreamErasure NamesOf(Guid stream) => new(stream, ["name"], e =>
    {
        if (e.EventType != "test.item-added") return null;
        var data = JsonNode.Parse(e.Data)!.AsObject();
        data["name"] = "[erased]";
        return data.ToJsonString();
    });

    private async Task<Guid> CartAsync(params object[] events)
    {
        var id = Guid.CreateVersion7();
        await Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.NoStream, events));
        return id;
    }

    private Task<AppendResult> EraseAsync(Guid id, long version, string? key = null) => Store.AppendAsync(
        new StreamAppend(id, "cart", ExpectedVersion.Exactly(version), [new CartPersonalDataErased("PIPL request")]),
        new AppendOptions { Erasure = NamesOf(id), IdempotencyKey = key, RequestHash = key is null ? null : "erase-hash" });

    [Fact]
    public async Task the_earlier_events_of_the_stream_are_masked_and_nothing_else()
    {
        var id = await CartAsync(new ItemAdded("Li Lei 13800000000", 1), new ItemRemoved("kept"), new ItemAdded("Han Mei", 2));
        var other = await CartAsync(new ItemAdded("Li Lei 13800000000", 1));
        var before = await Store.ReadStreamAsync(id);

        await EraseAsync(id, 3);

        var after = await Store.ReadStreamAsync(id);
        Assert.Equal(4, after.Count);
        Assert.Equal([new ItemAdded("[erased]", 1), new ItemRemoved("kept"), new ItemAdded("[erased]", 2), new CartPersonalDataErased("PIPL request")],
            after.Select(e => e.Data));
        // Everything but the data stays: ids, versions, types, metadata, times, positions.
        Assert.Equal(before.Select(e => (e.EventId, e.Version, e.EventType, e.Timestamp, e.Sequence)),
            after.Take(3).Select(e => (e.EventId, e.Version, e.EventType, e.Timestamp, e.Sequence)));
        Assert.Equal(new ItemAdded("Li Lei 13800000000", 1), Assert.Single(await Store.ReadStreamAsync(other)).Data);

        var audit = await Sql.ListAsync(Db, $"select stream_id, version, fields, masked_event_ids from es.erasures where stream_id = '{id}'",
            r => (r.GetGuid(0), r.GetInt64(1), r.GetFieldValue<string[]>(2), r.GetFieldValue<Guid[]>(3)));
        var row = Assert.Single(audit);
        Assert.Equal((id, 4L), (row.Item1, row.Item2));
        Assert.Equal(["name"], row.Item3);
        Assert.Equal([before[0].EventId, before[2].EventId], row.Item4);
    }

    [Fact]
    public async Task the_snapshot_and_the_request_fingerprints_of_the_stream_go_and_its_keys_still_answer_a_retry()
    {
        var id = Guid.CreateVersion7();
        var events = Enumerable.Range(0, 120).Select(i => (object)new ItemAdded($"person {i}", 1)).ToArray();
        await Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.NoStream, events),
            new AppendOptions { IdempotencyKey = $"create-{id}", RequestHash = "hash-of-a-body-with-a-phone" });
        var policy = new SnapshotPolicy("test.erasure@1", Every: 100);
        await Store.AggregateStreamAsync(id, 0, (n, _) => n + 1, policy);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(Db, $"select count(*) from es.snapshots where stream_id = '{id}'"));

        await EraseAsync(id, 120, key: $"erase-{id}");

        Assert.Equal(0L, await Sql.ScalarAsync<long>(Db, $"select count(*) from es.snapshots where stream_id = '{id}'"));
        var log = await Sql.ListAsync(Db, $"select idempotency_key, request_hash from es.command_log where stream_ids @> array['{id}'::uuid] order by 1",
            r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)));
        Assert.Equal([($"create-{id}", null), ($"erase-{id}", "erase-hash")], log);
        // The create's key still answers its retry (nothing appended again); the fingerprint is simply no longer compared.
        var retry = await Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.NoStream, events),
            new AppendOptions { IdempotencyKey = $"create-{id}", RequestHash = "hash-of-a-body-with-a-phone" });
        Assert.True(retry.Replayed);
        Assert.Equal(121, (await Store.ReadStreamAsync(id)).Count);
    }

    [Fact]
    public async Task a_snapshot_folded_before_the_erasure_is_not_written_after_it()
    {
        var id = await CartAsync(new ItemAdded("Li Lei", 1), new ItemAdded("Han Mei", 1));
        await EraseAsync(id, 2);
        // What a command that read the stream before the erasure committed would write afterwards: refused by the snapshot write.
        await using var cmd = Db.CreateCommand("""
            insert into es.snapshots (stream_id, state_key, version, data)
            select @id, 'k', 2, '{"names":"Li Lei"}' where not exists (select 1 from es.erasures where stream_id = @id and version > 2)
            """);
        cmd.Parameters.AddWithValue("id", id);
        Assert.Equal(0, await cmd.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task an_ordinary_update_is_still_refused_even_with_the_setting_and_so_is_any_other_column_in_an_erasure()
    {
        var id = await CartAsync(new ItemAdded("Li Lei", 1));
        foreach (var sql in new[]
                 {
                     $"update es.events set data = '{{\"name\":\"x\",\"quantity\":1}}' where stream_id = '{id}'",
                     $"select set_config('es.erasing_stream', '{id}', true); update es.events set data = '{{}}' where stream_id = '{id}'",
                     $"delete from es.events where stream_id = '{id}'",
                 })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => InTransactionAsync(sql));
            Assert.Equal("ES001", error.SqlState);
        }

        // Even inside an erasure's own transaction (setting and audit row in place), only data may change, and rows are never deleted.
        var eventId = (await Store.ReadStreamAsync(id))[0].EventId;
        var erasure = $"select set_config('es.erasing_stream', '{id}', true); " +
                      $"insert into es.erasures (erasure_event_id, stream_id, version, fields, masked_event_ids) " +
                      $"values (gen_random_uuid(), '{id}', 2, '{{name}}', array['{eventId}'::uuid]); ";
        foreach (var change in new[]
                 {
                     $"update es.events set event_type = 'test.item-removed' where event_id = '{eventId}'",
                     $"update es.events set metadata = '{{\"actorId\":null}}' where event_id = '{eventId}'",
                     $"delete from es.events where event_id = '{eventId}'",
                 })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => InTransactionAsync(erasure + change));
            Assert.Equal("ES001", error.SqlState);
        }
        Assert.Equal(new ItemAdded("Li Lei", 1), Assert.Single(await Store.ReadStreamAsync(id)).Data);
    }

    [Fact]
    public async Task a_forged_audit_row_without_an_erasure_event_masks_nothing_and_the_audit_is_append_only()
    {
        var id = await CartAsync(new ItemAdded("Li Lei", 1));
        var eventId = (await Store.ReadStreamAsync(id))[0].EventId;
        var forged = $"select set_config('es.erasing_stream', '{id}', true); " +
                     $"insert into es.erasures (erasure_event_id, stream_id, version, fields, masked_event_ids) " +
                     $"values (gen_random_uuid(), '{id}', 2, '{{name}}', array['{eventId}'::uuid]); " +
                     $"update es.events set data = '{{\"name\":\"[erased]\",\"quantity\":1}}' where event_id = '{eventId}'";
        Assert.Equal("ES001", (await Assert.ThrowsAsync<PostgresException>(() => InTransactionAsync(forged))).SqlState);
        Assert.Equal(new ItemAdded("Li Lei", 1), Assert.Single(await Store.ReadStreamAsync(id)).Data);

        await EraseAsync(id, 1);
        foreach (var change in new[] { $"delete from es.erasures where stream_id = '{id}'", $"update es.erasures set fields = '{{}}' where stream_id = '{id}'" })
            Assert.Equal("ES001", (await Assert.ThrowsAsync<PostgresException>(() => InTransactionAsync(change))).SqlState);
    }

    [Fact]
    public async Task an_erasure_that_loses_its_race_masks_nothing()
    {
        var id = await CartAsync(new ItemAdded("Li Lei", 1));
        await Store.AppendAsync(new StreamAppend(id, "cart", ExpectedVersion.Exactly(1), [new ItemAdded("Han Mei", 1)]));

        await Assert.ThrowsAsync<ConcurrencyException>(() => EraseAsync(id, 1));

        Assert.Equal([new ItemAdded("Li Lei", 1), new ItemAdded("Han Mei", 1)], (await Store.ReadStreamAsync(id)).Select(e => e.Data));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(Db, $"select count(*) from es.erasures where stream_id = '{id}'"));
    }

    private async Task InTransactionAsync(string sql)
    {
        await using var connection = await Db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }
}
