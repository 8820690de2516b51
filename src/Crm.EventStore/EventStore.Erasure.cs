using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore;

public sealed partial class EventStore
{
    /// <summary>
    /// Masks the earlier events of the erased stream in the append's transaction (after the erasure event is written, so the stream's
    /// row is locked and no append can slip between). The trigger on es.events lets exactly these updates through: the stream named
    /// by the transaction-local setting, the event ids recorded in es.erasures by this transaction, nothing but data changed.
    /// </summary>
    private static async Task EraseAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Prepared p, AppendResult result, StreamErasure erasure,
        AppendOptions options, CancellationToken ct)
    {
        var s = Array.IndexOf(p.StreamIds, erasure.StreamId);
        if (s < 0 || p.Counts[s] == 0) throw new ArgumentException("An erasure names a stream the append writes events to.", nameof(options));
        var erasureVersion = result.Versions[s] - p.Counts[s] + 1;
        var erasureEventId = p.EventIds[p.Counts.Take(s).Sum()];

        var masked = new List<(Guid Id, string Data)>();
        await using (var read = new NpgsqlCommand(
            "select set_config('es.erasing_stream', @s::text, true); " +
            "select event_id, version, event_type, schema_version, data::text from es.events where stream_id = @s and version < @v order by version",
            connection, tx))
        {
            read.Parameters.Add(new NpgsqlParameter<Guid>("s", erasure.StreamId));
            read.Parameters.Add(new NpgsqlParameter<long>("v", erasureVersion));
            await using var reader = await read.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var stored = new ErasableEvent(reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4));
                if (erasure.Mask(stored) is { } data && data != stored.Data) masked.Add((stored.EventId, data));
            }
        }

        await using var batch = new NpgsqlBatch(connection, tx);
        var audit = new NpgsqlBatchCommand(
            "insert into es.erasures (erasure_event_id, stream_id, version, fields, masked_event_ids) values (@e, @s, @v, @f, @ids)");
        audit.Parameters.Add(new NpgsqlParameter<Guid>("e", erasureEventId));
        audit.Parameters.Add(new NpgsqlParameter<Guid>("s", erasure.StreamId));
        audit.Parameters.Add(new NpgsqlParameter<long>("v", erasureVersion));
        audit.Parameters.Add(new NpgsqlParameter<string[]>("f", [.. erasure.Fields]));
        audit.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. masked.Select(m => m.Id)]));
        batch.BatchCommands.Add(audit);

        var rewrite = new NpgsqlBatchCommand(
            "update es.events e set data = m.data from unnest(@ids, @data) m(id, data) where e.event_id = m.id and e.stream_id = @s");
        rewrite.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. masked.Select(m => m.Id)]));
        rewrite.Parameters.Add(new NpgsqlParameter<string[]>("data", [.. masked.Select(m => m.Data)])
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        rewrite.Parameters.Add(new NpgsqlParameter<Guid>("s", erasure.StreamId));
        batch.BatchCommands.Add(rewrite);

        // Derived copies of the values: the snapshot (folded from unmasked events) and the fingerprints of the requests that wrote
        // to the stream (a hash of a body holding a phone number can be guessed back). Their keys still answer a retry, unchecked.
        var snapshot = new NpgsqlBatchCommand("delete from es.snapshots where stream_id = @s");
        snapshot.Parameters.Add(new NpgsqlParameter<Guid>("s", erasure.StreamId));
        batch.BatchCommands.Add(snapshot);
        var fingerprints = new NpgsqlBatchCommand(
            "update es.command_log set request_hash = null, result = null " +
            "where stream_ids @> array[@s] and idempotency_key is distinct from @k and (request_hash is not null or result is not null)");
        fingerprints.Parameters.Add(new NpgsqlParameter<Guid>("s", erasure.StreamId));
        fingerprints.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Text) { Value = (object?)options.IdempotencyKey ?? DBNull.Value });
        batch.BatchCommands.Add(fingerprints);
        await batch.ExecuteNonQueryAsync(ct);
    }
}
