using System.Text;
using Crm.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore;

public sealed partial class EventStore
{
    public Task<AppendResult> AppendAsync(StreamAppend stream, AppendOptions? options = null, CancellationToken ct = default) =>
        AppendAsync([stream], options, ct);

    /// <summary>
    /// Appends to one or several streams in one transaction: all or nothing. A stream whose version is
    /// not what its append expects raises <see cref="ConcurrencyException"/>; appends that expect "any"
    /// are retried in a fresh transaction when they lose a race.
    /// </summary>
    public async Task<AppendResult> AppendAsync(IReadOnlyList<StreamAppend> streams, AppendOptions? options = null, CancellationToken ct = default)
    {
        options ??= AppendOptions.Default;
        var prepared = Prepare(streams, options);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await AppendOnceAsync(prepared, options, ct);
                if (!result.Result.Replayed) notifier.Pulse();
                if (result.Result.Replayed && options.RequestHash is not null && result.RequestHash is not null && result.RequestHash != options.RequestHash)
                    throw new IdempotencyKeyReusedException(options.IdempotencyKey!);
                return result.Result.Replayed ? result.Result : result.Result with { Timestamp = result.Timestamp };
            }
            catch (PostgresException e) when (e.SqlState == "ES409")
            {
                var conflict = ParseConflict(e, streams);
                if (conflict.Expected != ExpectedVersion.Any || attempt >= MaxAnyVersionAttempts) throw conflict;
                // Back off with jitter so writers racing for one hot stream stop colliding in lockstep.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 << Math.Min(attempt, 6))), ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "streams_pkey")
            {
                // Only the multi-stream statement inserts stream rows without "on conflict do nothing".
                throw await NewStreamConflictAsync(streams, ct);
            }
            catch (PostgresException e) when (e.SqlState == "ES410")
            {
                throw new StreamArchivedException(Guid.Parse(e.Hint!));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < MaxAnyVersionAttempts)
            {
                // Streams are locked in id order, so this should not happen; if PostgreSQL ever runs the
                // statement's parts in another order, the victim retries and meets the winner's versions.
            }
            catch (PostgresException e) when (options.IdempotencyKey is not null && attempt < MaxAnyVersionAttempts
                                              && e.SqlState == PostgresErrorCodes.UniqueViolation
                                              && e.ConstraintName is "command_log_pkey" or "events_event_id_key")
            {
                // A twin with the same key committed first (its derived event ids or its key row came
                // first): the next attempt finds its command_log row and answers with its result.
            }
        }
    }

    private sealed record Prepared(
        Guid[] StreamIds, string[] StreamTypes, long[] Expected, int[] Counts,
        Guid[] EventIds, string[] EventTypes, int[] SchemaVersions, string[] Data, string[] Metadata,
        IReadOnlyList<object> Events);

    /// <summary>What an append statement answered; <paramref name="Backfilling"/> is the inline gate's answer when it ran in the same round trip.</summary>
    private sealed record Outcome(AppendResult Result, string? RequestHash, DateTimeOffset Timestamp, string[] Backfilling);

    private Prepared Prepare(IReadOnlyList<StreamAppend> streams, AppendOptions options)
    {
        if (streams.Count == 0) throw new ArgumentException("Nothing to append.", nameof(streams));
        var seen = new HashSet<Guid>();
        var events = new List<object>();
        foreach (var s in streams)
        {
            if (!seen.Add(s.StreamId)) throw new ArgumentException($"Stream {s.StreamId} appears twice in one append.", nameof(streams));
            if (s.IsCheck && s.Expected == ExpectedVersion.Any)
                throw new ArgumentException($"The append to stream {s.StreamId} has no events: a check must name a version.", nameof(streams));
            events.AddRange(s.Events);
        }
        if (events.Count == 0) throw new ArgumentException("Nothing to append: every stream is a check.", nameof(streams));

        var metadata = SerializeMetadata(options.Metadata);
        var eventIds = new Guid[events.Count];
        var types = new string[events.Count];
        var versions = new int[events.Count];
        var data = new string[events.Count];
        var meta = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var registration = Registry.For(events[i].GetType());
            // Ids derived from the idempotency key make a replay that slips past the command log
            // collide on the unique event id instead of appending twice.
            eventIds[i] = options.IdempotencyKey is null ? Guid.CreateVersion7() : DerivedEventId(options.IdempotencyKey, i);
            types[i] = registration.Name;
            versions[i] = registration.SchemaVersion;
            data[i] = Registry.Serialize(events[i]);
            meta[i] = metadata;
        }
        return new Prepared(
            streams.Select(s => s.StreamId).ToArray(), streams.Select(s => s.StreamType).ToArray(),
            streams.Select(s => s.Expected.Value).ToArray(), streams.Select(s => s.Events.Count).ToArray(),
            eventIds, types, versions, data, meta, events);
    }

    private static Guid DerivedEventId(string key, int index) => NameBasedId.Of(Encoding.UTF8.GetBytes($"{key}\n{index}"));

    private async Task<Outcome> AppendOnceAsync(Prepared p, AppendOptions options, CancellationToken ct)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        var projections = InlineProjectionsFor(p.EventTypes);
        if (projections.Count == 0 && options.Guard is null && options.Erasure is null)
            return await AppendStatementAsync(connection, null, p, options, gate: false, ct);

        await using var tx = await connection.BeginTransactionAsync(ct);
        // The inline gate goes first: in the append's own round trip, unless a guard's locks and reads must come between them.
        var gateApart = projections.Count > 0 && options.Guard is not null;
        var backfilling = gateApart ? await InlineGateAsync(connection, tx, ct) : [];
        if (options.Guard is { } guard) await GuardAsync(connection, tx, guard, ct);
        var outcome = await AppendStatementAsync(connection, tx, p, options, projections.Count > 0 && !gateApart, ct);
        if (!gateApart) backfilling = outcome.Backfilling;
        if (options.Erasure is { } erasure && !outcome.Result.Replayed) await EraseAsync(connection, tx, p, outcome.Result, erasure, options, ct);
        var context = new ProjectionContext(connection, tx);
        if (!outcome.Result.Replayed)
        {
            var stored = StoredEventsOf(p, outcome, options);
            var applying = new List<(IProjection Projection, List<StoredEvent> Events)>(projections.Count);
            foreach (var (projection, types) in projections)
            {
                // A read model being back-filled gets this append's events from the feed, before its tables are swapped in.
                if (backfilling.Length > 0 && Array.IndexOf(backfilling, projection.Name) >= 0) continue;
                var mine = stored.Where(e => types.Contains(e.EventType)).ToList();
                if (mine.Count > 0) applying.Add((projection, mine));
            }
            for (var i = 0; i < applying.Count; i++)
            {
                context.MayDeferLastWritesOf = i == applying.Count - 1 ? applying[i].Projection : null;
                await applying[i].Projection.ApplyAsync(applying[i].Events, context, ct);
            }
            context.MayDeferLastWritesOf = null;
        }
        await CommitAsync(connection, tx, context.TakeDeferred(), ct);
        context.Committed();
        return outcome;
    }

    /// <summary>
    /// Commits the append, with the last projection's writes when it left them for the commit (ProjectionContext.WriteLastAsync): one
    /// round trip, the writes then the commit; a write that fails skips the commit, and disposing the transaction rolls it all back.
    /// </summary>
    private static async Task CommitAsync(NpgsqlConnection connection, NpgsqlTransaction tx, List<NpgsqlBatchCommand>? writes, CancellationToken ct)
    {
        if (writes is null)
        {
            await tx.CommitAsync(ct);
            return;
        }
        await using var batch = new NpgsqlBatch(connection) { Transaction = tx };
        foreach (var write in writes) batch.BatchCommands.Add(write);
        // Npgsql sees the transaction end and marks it completed; disposing it afterwards sends nothing.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The inline gate on its own, when a guard must run between it and the append (see <see cref="AppendBatch"/>).</summary>
    private static async Task<string[]> InlineGateAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var batch = AppendBatch(connection, tx, gate: true);
        await batch.PrepareAsync(ct);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await ReadGateAsync(reader, gate: true, ct);
    }

    /// <summary>Takes the guard's locks (one round trip, in hash order) and re-checks its facts, in the append's transaction.</summary>
    private static async Task GuardAsync(NpgsqlConnection connection, NpgsqlTransaction tx, AppendGuard guard, CancellationToken ct)
    {
        if (guard.Locks.Count > 0)
        {
            // PostgreSQL evaluates the volatile lock calls after the sort, so the locks are taken in key order.
            await using var cmd = new NpgsqlCommand(
                "select pg_advisory_xact_lock(k) from (select distinct hashtextextended(v, 4242) as k from unnest(@keys) v) x order by k",
                connection, tx);
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. guard.Locks]));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (!await guard.StillHolds(connection, tx, ct)) throw new FactsChangedException();
    }

    /// <summary>A check locks its stream's row in the append function's stream-id order; the fast statements cannot, and take none.</summary>
    private static bool HasChecks(Prepared p) => Array.IndexOf(p.Counts, 0) >= 0;

    /// <summary>The cheapest statement that can do this append: one stream, several with known versions, or the general function.</summary>
    private static Task<Outcome> AppendStatementAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Prepared p, AppendOptions options,
        bool gate, CancellationToken ct) =>
        CanAppendFast(p) ? AppendFastAsync(connection, tx, p, options, gate, ct)
        : CanAppendMany(p, options) ? AppendManyAsync(connection, tx, p, options, gate, ct)
        : CallAppendFunctionAsync(connection, tx, p, options, gate, ct);

    private List<(IProjection, System.Collections.Frozen.FrozenSet<string>)> InlineProjectionsFor(string[] eventTypes)
    {
        var list = new List<(IProjection, System.Collections.Frozen.FrozenSet<string>)>(0);
        foreach (var (projection, types) in inline)
        {
            if (Array.Exists(eventTypes, types.Contains)) list.Add((projection, types));
        }
        return list;
    }

    private static List<StoredEvent> StoredEventsOf(Prepared p, Outcome outcome, AppendOptions options)
    {
        var result = outcome.Result;
        var list = new List<StoredEvent>(p.Events.Count);
        var timestamp = outcome.Timestamp;
        var index = 0;
        for (var s = 0; s < p.StreamIds.Length; s++)
        {
            var firstVersion = result.Versions[s] - p.Counts[s] + 1;
            for (var j = 0; j < p.Counts[s]; j++, index++)
            {
                list.Add(new StoredEvent(result.Sequences[index], 0, p.EventIds[index], p.StreamIds[s], firstVersion + j,
                    p.EventTypes[index], p.Events[index], options.Metadata, timestamp));
            }
        }
        return list;
    }

    private static async Task<Outcome> CallAppendFunctionAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Prepared p, AppendOptions options,
        bool gate, CancellationToken ct)
    {
        await using var batch = AppendBatch(connection, tx, gate);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "select replayed, versions, seq_ids, result::text, request_hash, created_at from es.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, " +
                "$10, $11, $12::jsonb, $13)")
        {
            Parameters =
            {
                new NpgsqlParameter<Guid[]> { TypedValue = p.StreamIds },
                new NpgsqlParameter<string[]> { TypedValue = p.StreamTypes },
                new NpgsqlParameter<long[]> { TypedValue = p.Expected },
                new NpgsqlParameter<int[]> { TypedValue = p.Counts },
                new NpgsqlParameter<Guid[]> { TypedValue = p.EventIds },
                new NpgsqlParameter<string[]> { TypedValue = p.EventTypes },
                new NpgsqlParameter<int[]> { TypedValue = p.SchemaVersions },
                new NpgsqlParameter<string[]> { TypedValue = p.Data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new NpgsqlParameter<string[]> { TypedValue = p.Metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)options.IdempotencyKey ?? DBNull.Value },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)options.RequestHash ?? DBNull.Value },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)options.Result ?? DBNull.Value },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = options.Timestamp is { } ts ? ts.UtcDateTime : DBNull.Value },
            },
        });

        // Prepared once per physical connection (Npgsql keeps it across pool returns): halves a single append's latency.
        await batch.PrepareAsync(ct);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var backfilling = await ReadGateAsync(reader, gate, ct);
        return await ReadCommandOutcomeAsync(reader, "es.append_events", backfilling, ct);
    }

    /// <summary>Reads a keyed append's row: (replayed, versions, seq_ids, result, request_hash, created_at).</summary>
    private static async Task<Outcome> ReadCommandOutcomeAsync(NpgsqlDataReader reader, string what, string[] backfilling, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"{what} returned no row.");
        var result = new AppendResult(
            Replayed: reader.GetBoolean(0),
            Versions: reader.GetFieldValue<long[]>(1),
            Sequences: reader.GetFieldValue<long[]>(2),
            Result: reader.IsDBNull(3) ? null : reader.GetString(3));
        return new Outcome(result, reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), backfilling);
    }

    private static ConcurrencyException ParseConflict(PostgresException e, IReadOnlyList<StreamAppend> streams)
    {
        // hint: "<stream id> <expected> <actual>"
        var parts = (e.Hint ?? "").Split(' ');
        var streamId = Guid.Parse(parts[0]);
        var actual = long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
        var expected = streams.First(s => s.StreamId == streamId).Expected;
        return new ConcurrencyException(streamId, expected, actual);
    }
}
