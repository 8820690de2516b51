using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore;

public sealed partial class EventStore
{
    // The stream's compare-and-set, as a CTE named "cas" that returns a row only when it held: a new
    // stream (expected 0) is inserted, an existing one moved on from exactly $3. The client knows which
    // one it needs, and sends only that one: a statement carrying both (the other filtered out by its
    // WHERE) still opened and set up both, which cost a third more server time per append (pgbench,
    // 8 clients, pg_stat_statements: 83 µs against 63 µs for the baseline's two statements).
    private const string CreateStream =
        """
        with cas as (
            insert into es.streams (stream_id, stream_type, version, created_at, updated_at)
            values ($1, $2, $4, coalesce($8::timestamptz, now()), coalesce($8::timestamptz, now()))
            on conflict do nothing
            returning stream_id)

        """;

    private const string MoveStream =
        """
        with cas as (
            update es.streams set version = $3 + $4, updated_at = coalesce($8::timestamptz, now())
             where stream_id = $1 and version = $3 and not is_archived
            returning stream_id)

        """;

    // The common command: one stream, a known expected version (none yet, or exactly n), no idempotency
    // key (with one: the Keyed statements below). One plain statement instead of the plpgsql function,
    // which costs as much CPU as the writes themselves (measured with pgbench: ~0.2 ms more per append, half the throughput at 8 clients).
    // Ordering holds as in es.append_events: the expected version was read before this transaction
    // wrote anything, and the stream row is compare-and-set before the events are inserted. No row
    // from the CTE means the expectation failed: the events' WHERE then calls es.append_refused.
    private const string ManyEvents =
        """
        insert into es.events (event_id, stream_id, version, event_type, schema_version, data, metadata, created_at)
        select e.id, $1, $3 + e.ord, e.type, e.sv, e.data, e.meta, coalesce($8::timestamptz, now())
          from unnest($5::uuid[], $6::text[], $7::int[], $9::jsonb[], $10::jsonb[]) with ordinality as e(id, type, sv, data, meta, ord)
         where case when exists (select 1 from cas) then true else es.append_refused($1, $3) end
        returning seq_id, created_at
        """;

    // The same for exactly one event, with scalars instead of arrays: most commands append one event,
    // and array encoding plus unnest cost both sides CPU.
    private const string OneEvent =
        """
        insert into es.events (event_id, stream_id, version, event_type, schema_version, data, metadata, created_at)
        select $5, $1, $3 + 1, $6, $7, $9::jsonb, $10::jsonb, coalesce($8::timestamptz, now())
         where case when exists (select 1 from cas) then true else es.append_refused($1, $3) end
        returning seq_id, created_at
        """;

    private const string CreateStreamWithOneEvent = CreateStream + OneEvent;
    private const string CreateStreamWithEvents = CreateStream + ManyEvents;
    private const string MoveStreamWithOneEvent = MoveStream + OneEvent;
    private const string MoveStreamWithEvents = MoveStream + ManyEvents;

    // The same with an idempotency key ($11, its request hash $12, the result $13), as es.append_events does it but in one plain
    // statement (the function cost 3× the server time of the same writes by hand: ops/bench figure 1c, pg_stat_statements). The
    // key's advisory lock is taken by the statement before it in the same round trip (AppendBatch), so this statement's snapshot
    // holds any twin that committed first: "prior" is its command log row, and then nothing is written and its answer is returned.
    private const string Prior =
        """
        with prior as (
            select c.versions, c.seq_ids, c.result, c.request_hash, c.created_at from es.command_log c where c.idempotency_key = $11),

        """;

    private const string KeyedCreateStream =
        """
        cas as (
            insert into es.streams (stream_id, stream_type, version, created_at, updated_at)
            select $1, $2, $4, coalesce($8::timestamptz, now()), coalesce($8::timestamptz, now())
             where not exists (select 1 from prior)
            on conflict do nothing
            returning stream_id),

        """;

    private const string KeyedMoveStream =
        """
        cas as (
            update es.streams set version = $3 + $4, updated_at = coalesce($8::timestamptz, now())
             where stream_id = $1 and version = $3 and not is_archived and not exists (select 1 from prior)
            returning stream_id),

        """;

    private const string KeyedApplies =
        "case when exists (select 1 from cas) then true when exists (select 1 from prior) then false else es.append_refused($1, $3) end";

    private const string KeyedOneEvent =
        $"""
        ev as (
            insert into es.events (event_id, stream_id, version, event_type, schema_version, data, metadata, created_at)
            select $5, $1, $3 + 1, $6, $7, $9::jsonb, $10::jsonb, coalesce($8::timestamptz, now())
             where {KeyedApplies}
            returning seq_id, created_at),

        """;

    private const string KeyedManyEvents =
        $"""
        ev as (
            insert into es.events (event_id, stream_id, version, event_type, schema_version, data, metadata, created_at)
            select e.id, $1, $3 + e.ord, e.type, e.sv, e.data, e.meta, coalesce($8::timestamptz, now())
              from unnest($5::uuid[], $6::text[], $7::int[], $9::jsonb[], $10::jsonb[]) with ordinality as e(id, type, sv, data, meta, ord)
             where {KeyedApplies}
            returning seq_id, created_at),

        """;

    // A concurrent twin that slipped past the lock fails on command_log_pkey (or on a derived event id) and AppendAsync retries.
    private const string KeyedLogAndAnswer =
        """
        logged as (
            insert into es.command_log (idempotency_key, request_hash, result, stream_ids, versions, seq_ids)
            select $11, $12, $13::jsonb, array[$1::uuid], array[$3 + $4], array_agg(seq_id order by seq_id) from ev having count(*) > 0)
        select false, array[$3 + $4], array_agg(seq_id order by seq_id), $13::jsonb::text, $12::text, min(created_at) from ev having count(*) > 0
        union all
        select true, versions, seq_ids, result::text, request_hash, created_at from prior
        """;

    private const string KeyedCreateStreamWithOneEvent = Prior + KeyedCreateStream + KeyedOneEvent + KeyedLogAndAnswer;
    private const string KeyedCreateStreamWithEvents = Prior + KeyedCreateStream + KeyedManyEvents + KeyedLogAndAnswer;
    private const string KeyedMoveStreamWithOneEvent = Prior + KeyedMoveStream + KeyedOneEvent + KeyedLogAndAnswer;
    private const string KeyedMoveStreamWithEvents = Prior + KeyedMoveStream + KeyedManyEvents + KeyedLogAndAnswer;

    /// <summary>The key's lock, as es.append_events takes it (1229276493: 'IDEM'): same-key appends run in turn.</summary>
    private const string KeyLock = "select pg_advisory_xact_lock(1229276493, hashtext($1))";

    private static bool CanAppendFast(Prepared p) => p.StreamIds.Length == 1 && p.Expected[0] >= 0;

    private static async Task<Outcome> AppendFastAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Prepared p, AppendOptions options,
        bool gate, CancellationToken ct)
    {
        var one = p.EventIds.Length == 1;
        var key = options.IdempotencyKey;
        var sql = (p.Expected[0] == 0, one, key is null) switch
        {
            (true, true, true) => CreateStreamWithOneEvent,
            (true, false, true) => CreateStreamWithEvents,
            (false, true, true) => MoveStreamWithOneEvent,
            (false, false, true) => MoveStreamWithEvents,
            (true, true, false) => KeyedCreateStreamWithOneEvent,
            (true, false, false) => KeyedCreateStreamWithEvents,
            (false, true, false) => KeyedMoveStreamWithOneEvent,
            (false, false, false) => KeyedMoveStreamWithEvents,
        };
        var cmd = new NpgsqlBatchCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = p.StreamIds[0] });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = p.StreamTypes[0] });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = p.Expected[0] });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = p.Counts[0] });
        var timestamp = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = options.Timestamp is { } t ? t.UtcDateTime : DBNull.Value };
        if (one)
        {
            cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = p.EventIds[0] });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = p.EventTypes[0] });
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = p.SchemaVersions[0] });
            cmd.Parameters.Add(timestamp);
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = p.Data[0], NpgsqlDbType = NpgsqlDbType.Jsonb });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = p.Metadata[0], NpgsqlDbType = NpgsqlDbType.Jsonb });
        }
        else
        {
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = p.EventIds });
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = p.EventTypes });
            cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = p.SchemaVersions });
            cmd.Parameters.Add(timestamp);
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = p.Data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = p.Metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        }
        await using var batch = AppendBatch(connection, tx, gate);
        if (key is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)options.RequestHash ?? DBNull.Value });
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)options.Result ?? DBNull.Value });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(KeyLock) { Parameters = { new NpgsqlParameter<string> { TypedValue = key } } });
        }
        batch.BatchCommands.Add(cmd);
        await batch.PrepareAsync(ct);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var backfilling = await ReadGateAsync(reader, gate, ct);
        if (key is not null)
        {
            await reader.NextResultAsync(ct); // past the key lock's row
            return await ReadCommandOutcomeAsync(reader, "The keyed append", backfilling, ct);
        }
        var (sequences, at) = await ReadSequencesAsync(reader, p.EventIds.Length, ct);
        var result = new AppendResult(false, [p.Expected[0] + p.Counts[0]], sequences, null);
        return new Outcome(result, null, at, backfilling);
    }
}
