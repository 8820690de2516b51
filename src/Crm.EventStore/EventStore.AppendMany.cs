using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore;

public sealed partial class EventStore
{
    // Several streams, each with a known expected version (none yet, or exactly n), no idempotency key:
    // one set-based statement instead of the plpgsql function's statement per stream, which cost the
    // 100-streams-per-transaction shape (an import, a cascading transfer) 40% of its throughput at 8
    // writers. Existing streams are row-locked in stream-id order first, as the function does, so two
    // appends that share streams queue instead of deadlocking; new streams are inserted in id order.
    // Ordering holds as in es.append_events: every expected version was read before this transaction
    // wrote anything, and each stream row is compare-and-set before the events are inserted.
    private const string ManyAppendSql =
        """
        with input as (
            select * from unnest($1::uuid[], $2::text[], $3::bigint[], $4::int[]) as u(id, type, expected, n)),
        locked as (
            select s.stream_id, s.version, s.is_archived from es.streams s
             where s.stream_id = any($1) order by s.stream_id for no key update),
        created as (
            insert into es.streams (stream_id, stream_type, version, created_at, updated_at)
            select i.id, i.type, i.n, coalesce($12::timestamptz, now()), coalesce($12::timestamptz, now())
              from input i where i.expected = 0 order by i.id
            on conflict do nothing
            returning stream_id),
        moved as (
            update es.streams s set version = i.expected + i.n, updated_at = coalesce($12::timestamptz, now())
              from input i join locked l on l.stream_id = i.id
             where i.expected > 0 and s.stream_id = i.id and l.version = i.expected and not l.is_archived
            returning s.stream_id)
        insert into es.events (event_id, stream_id, version, event_type, schema_version, data, metadata, created_at)
        select e.id, e.sid, e.ver, e.type, e.sv, e.data, e.meta, coalesce($12::timestamptz, now())
          from unnest($5::uuid[], $6::uuid[], $7::bigint[], $8::text[], $9::int[], $10::jsonb[], $11::jsonb[])
               as e(id, sid, ver, type, sv, data, meta)
         where case when (select count(*) from created) + (select count(*) from moved) = cardinality($1) then true
                    else es.append_refused_many($1, $3) end
        returning seq_id, created_at
        """;

    private static bool CanAppendMany(Prepared p, AppendOptions options) =>
        p.StreamIds.Length > 1 && Array.TrueForAll(p.Expected, e => e >= 0) && options.IdempotencyKey is null;

    private static async Task<Outcome> AppendManyAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Prepared p, AppendOptions options, CancellationToken ct)
    {
        // Every version is known before the round trip: the expectation plus the event's place in its stream.
        var eventStreams = new Guid[p.EventIds.Length];
        var eventVersions = new long[p.EventIds.Length];
        var newVersions = new long[p.StreamIds.Length];
        var index = 0;
        for (var s = 0; s < p.StreamIds.Length; s++)
        {
            for (var j = 1; j <= p.Counts[s]; j++, index++)
            {
                eventStreams[index] = p.StreamIds[s];
                eventVersions[index] = p.Expected[s] + j;
            }
            newVersions[s] = p.Expected[s] + p.Counts[s];
        }

        await using var cmd = new NpgsqlCommand(ManyAppendSql, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = p.StreamIds });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = p.StreamTypes });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = p.Expected });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = p.Counts });
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = p.EventIds });
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = eventStreams });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = eventVersions });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = p.EventTypes });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = p.SchemaVersions });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = p.Data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = p.Metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = options.Timestamp is { } t ? t.UtcDateTime : DBNull.Value });
        await cmd.PrepareAsync(ct);
        var (sequences, at) = await ReadSequencesAsync(cmd, p.EventIds.Length, ct);
        return new Outcome(new AppendResult(false, newVersions, sequences, null), null, at);
    }

    /// <summary>Runs an append statement that returns (seq_id, created_at) per event; the sequences come back sorted.</summary>
    private static async Task<(long[] Sequences, DateTimeOffset At)> ReadSequencesAsync(NpgsqlCommand cmd, int count, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var sequences = new long[count];
        var at = default(DateTimeOffset);
        for (var i = 0; await reader.ReadAsync(ct); i++)
        {
            sequences[i] = reader.GetInt64(0);
            at = reader.GetFieldValue<DateTimeOffset>(1);
        }
        Array.Sort(sequences);
        return (sequences, at);
    }
}
