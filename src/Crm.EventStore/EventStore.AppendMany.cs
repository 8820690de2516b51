using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore;

public sealed partial class EventStore
{
    // Several streams, each with a known expected version (none yet, or exactly n), no idempotency key:
    // one set-based statement instead of the plpgsql function's statement per stream, which cost the
    // 100-streams-per-transaction shape (an import, a cascading transfer) 40% of its throughput at 8
    // writers. The streams arrive sorted by id and the join walks them in that order, so rows are
    // created and compare-and-set in id order as in the function: two appends sharing streams queue
    // rather than deadlock. (A separate "select … for no key update" pass guaranteed that order, but
    // locking every row before updating it cost 2.6× the baseline's server time at 8 writers; should
    // the planner ever pick another order, PostgreSQL's deadlock detector ends one of them and
    // AppendAsync retries it, where it meets the winner's versions.)
    // New streams are a plain insert, not "on conflict do nothing": speculative insertion wrote an extra
    // WAL record per stream. A stream that exists already fails the statement on streams_pkey, and
    // AppendAsync turns that into the ConcurrencyException (NewStreamConflictAsync).
    // Ordering holds as in es.append_events: every expected version was read before this transaction
    // wrote anything, and each stream row is compare-and-set before the events are inserted.
    private const string ManyAppendSql =
        """
        with input as (
            select * from unnest($1::uuid[], $2::text[], $3::bigint[], $4::int[]) with ordinality as u(id, type, expected, n, ord)),
        created as (
            insert into es.streams (stream_id, stream_type, version, created_at, updated_at)
            select i.id, i.type, i.n, coalesce($12::timestamptz, now()), coalesce($12::timestamptz, now())
              from input i where i.expected = 0 order by i.ord
            returning stream_id),
        moved as (
            update es.streams s set version = i.expected + i.n, updated_at = coalesce($12::timestamptz, now())
              from input i
             where i.expected > 0 and s.stream_id = i.id and s.version = i.expected and not s.is_archived
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
        p.StreamIds.Length > 1 && Array.TrueForAll(p.Expected, e => e >= 0) && options.IdempotencyKey is null && !HasChecks(p);

    private static async Task<Outcome> AppendManyAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Prepared p, AppendOptions options,
        bool gate, CancellationToken ct)
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

        // The streams in id order: the order their rows are written in (see ManyAppendSql).
        var order = Enumerable.Range(0, p.StreamIds.Length).OrderBy(i => p.StreamIds[i]).ToArray();
        var cmd = new NpgsqlBatchCommand(ManyAppendSql);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = Array.ConvertAll(order, i => p.StreamIds[i]) });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Array.ConvertAll(order, i => p.StreamTypes[i]) });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = Array.ConvertAll(order, i => p.Expected[i]) });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Array.ConvertAll(order, i => p.Counts[i]) });
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = p.EventIds });
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = eventStreams });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = eventVersions });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = p.EventTypes });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = p.SchemaVersions });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = p.Data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = p.Metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = options.Timestamp is { } t ? t.UtcDateTime : DBNull.Value });
        // Prepared once per physical connection, like the other append statements: unprepared, its
        // parsing and planning cost more server time than its execution's difference from the baseline
        // (pg_stat_statements during ops/bench --only append-batch; the bench's "server µs/event" rows).
        // A prepared statement keeps a generic plan made from the table sizes of its first runs; one made
        // while es.streams is nearly empty compare-and-sets by a hash join over a sequential scan, which
        // stays cheap while the table is small and is replaced when autovacuum analyzes the grown table
        // (the analyze invalidates every cached plan on it, PostgreSQL's own foreign-key checks included).
        await using var batch = AppendBatch(connection, tx, gate);
        batch.BatchCommands.Add(cmd);
        await batch.PrepareAsync(ct);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var backfilling = await ReadGateAsync(reader, gate, ct);
        var (sequences, at) = await ReadSequencesAsync(reader, p.EventIds.Length, ct);
        return new Outcome(new AppendResult(false, newVersions, sequences, null), null, at, backfilling);
    }

    /// <summary>Reads an append statement's (seq_id, created_at) per event; the sequences come back sorted.</summary>
    private static async Task<(long[] Sequences, DateTimeOffset At)> ReadSequencesAsync(NpgsqlDataReader reader, int count, CancellationToken ct)
    {
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

    /// <summary>
    /// A multi-stream append found one of the streams it meant to start already there (a unique
    /// violation on the stream row, which aborted its transaction): name the first such stream and its
    /// version, read afresh, as the append function would have.
    /// </summary>
    private async Task<ConcurrencyException> NewStreamConflictAsync(IReadOnlyList<StreamAppend> streams, CancellationToken ct)
    {
        var starting = streams.Where(s => s.Expected == ExpectedVersion.NoStream).ToList();
        var versions = new Dictionary<Guid, long>();
        await using (var cmd = DataSource.CreateCommand("select stream_id, version from es.streams where stream_id = any($1)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = starting.Select(s => s.StreamId).ToArray() });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) versions[reader.GetGuid(0)] = reader.GetInt64(1);
        }
        var taken = starting.FirstOrDefault(s => versions.ContainsKey(s.StreamId)) ?? starting[0];
        return new ConcurrencyException(taken.StreamId, ExpectedVersion.NoStream, versions.GetValueOrDefault(taken.StreamId));
    }
}
