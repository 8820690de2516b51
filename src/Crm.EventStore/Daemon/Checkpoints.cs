using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore.Daemon;

/// <summary>SQL on es.projection_checkpoints and es.projection_dead_letters.</summary>
internal static class Checkpoints
{
    /// <summary>
    /// A checkpoint; a failed one says when, and which builds (<see cref="DaemonOptions.Build"/>, space-separated) failed at it.
    /// </summary>
    public sealed record Row(GlobalPosition Position, string Status, DateTimeOffset? FailedAt = null, string? FailedBy = null,
        bool ShadowBuild = false)
    {
        public bool FailedOn(string build) => FailedBy?.Split(' ').Contains(build) == true;
    }

    public static async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<string> names, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "insert into es.projection_checkpoints (name) select unnest(@names) on conflict do nothing", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("names", names.ToArray()));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<Row> ReadAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select tx_id, seq_id, status, failed_at, failed_by, shadow_build from es.projection_checkpoints where name = @n", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", name));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"No checkpoint row for projection '{name}'.");
        return new Row(new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetBoolean(5));
    }

    /// <summary>
    /// Moves the checkpoint from <paramref name="from"/> to <paramref name="to"/> inside the projection's
    /// transaction. Zero rows means another runner moved it: the caller must roll back.
    /// </summary>
    public static async Task AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name,
        GlobalPosition from, GlobalPosition to, int events, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            update es.projection_checkpoints
               set tx_id = @tx, seq_id = @seq, events_processed = events_processed + @n, last_error = null, failed_at = null, failed_by = null,
                   updated_at = now()
             where name = @name and tx_id = @from_tx and seq_id = @from_seq
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter("tx", NpgsqlDbType.Xid8) { Value = to.TransactionId });
        cmd.Parameters.Add(new NpgsqlParameter<long>("seq", to.Sequence));
        cmd.Parameters.Add(new NpgsqlParameter<int>("n", events));
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        cmd.Parameters.Add(new NpgsqlParameter("from_tx", NpgsqlDbType.Xid8) { Value = from.TransactionId });
        cmd.Parameters.Add(new NpgsqlParameter<long>("from_seq", from.Sequence));
        if (await cmd.ExecuteNonQueryAsync(ct) != 1) throw new CheckpointFencedException(name);
    }

    public static async Task<int> SetStatusAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string name, string status,
        string? onlyFrom = null, string? error = null, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand(
            """
            update es.projection_checkpoints set status = @status, last_error = @error, updated_at = now()
             where name = @name and (@from::text is null or status = @from)
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string>("status", status));
        cmd.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        cmd.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Text) { Value = (object?)onlyFrom ?? DBNull.Value });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Stops the projection where it stands: status failed, why, when (the server's clock), and this build among those that failed
    /// at this checkpoint (the list is cleared when the checkpoint moves on). Outside the batch's transaction, which failed.
    /// </summary>
    public static async Task StopAsync(NpgsqlConnection connection, string name, string error, string build, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            update es.projection_checkpoints
               set status = 'failed', last_error = @error, failed_at = now(), updated_at = now(),
                   failed_by = case when failed_by is null then @build
                                    when @build = any(string_to_array(failed_by, ' ')) then failed_by
                                    else failed_by || ' ' || @build end
             where name = @name and status <> 'rebuild_requested'
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("error", error));
        cmd.Parameters.Add(new NpgsqlParameter<string>("build", build));
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A failed projection runs again (another build, or a node started after it failed, tries once more): rebuilding when it failed
    /// while building its shadows (their position is the checkpoint's), running otherwise.
    /// </summary>
    public static async Task<bool> ResumeAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            update es.projection_checkpoints set status = case when shadow_build then 'rebuilding' else 'running' end, last_error = null,
                   updated_at = now()
             where name = @name and status = 'failed'
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>In the swap's transaction: the shadows are the live tables now, and the checkpoint their position.</summary>
    public static async Task<bool> SwappedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name, GlobalPosition position,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            update es.projection_checkpoints set status = 'running', shadow_build = false, last_error = null, updated_at = now()
             where name = @name and status = 'rebuilding' and shadow_build and tx_id = @tx and seq_id = @seq
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        cmd.Parameters.Add(new NpgsqlParameter("tx", NpgsqlDbType.Xid8) { Value = position.TransactionId });
        cmd.Parameters.Add(new NpgsqlParameter<long>("seq", position.Sequence));
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Says why the projection is not moving while it keeps its status (a retry in progress, a node standing down).</summary>
    public static async Task NoteAsync(NpgsqlConnection connection, string name, string note, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "update es.projection_checkpoints set last_error = @note, updated_at = now() where name = @name and status <> 'failed'", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("note", note));
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Back to the start, in the transaction that also wipes the projection's rows (in place) or after its empty shadows were made
    /// (<paramref name="shadows"/>). Dead letters stay (a rebuild resolves them).
    /// </summary>
    public static async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name, bool shadows, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            update es.projection_checkpoints
               set tx_id = '0', seq_id = 0, events_processed = 0, status = 'rebuilding', rebuilds = rebuilds + 1, shadow_build = @shadows,
                   last_error = null, failed_at = null, failed_by = null, updated_at = now()
             where name = @name
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("shadows", shadows));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records events that failed every attempt; one that was a dead letter before is opened again.</summary>
    public static void DeadLetter(NpgsqlBatch batch, string name, IReadOnlyList<DeadLetter> letters)
    {
        var cmd = batch.CreateBatchCommand();
        cmd.CommandText =
            """
            insert into es.projection_dead_letters (projection, tx_id, seq_id, event_id, stream_id, event_type, attempts, error)
            select $1, t, s, i, st, ty, a, er from unnest($2::xid8[], $3::bigint[], $4::uuid[], $5::uuid[], $6::text[], $7::int[], $8::text[])
                   as l(t, s, i, st, ty, a, er)
            on conflict (projection, seq_id) do update
               set attempts = excluded.attempts, error = excluded.error, failed_at = now(), resolved_at = null
            """;
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = letters.Select(l => l.Event.TransactionId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Xid8,
        });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = letters.Select(l => l.Event.Sequence).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = letters.Select(l => l.Event.EventId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = letters.Select(l => l.Event.StreamId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = letters.Select(l => l.Event.EventType).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = letters.Select(l => l.Attempts).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = letters.Select(l => l.Error.ToString()).ToArray() });
        batch.BatchCommands.Add(cmd);
    }

    /// <summary>Dead letters whose events a rebuild has now applied.</summary>
    public static void Resolve(NpgsqlBatch batch, string name, IEnumerable<GlobalPosition> applied)
    {
        var cmd = batch.CreateBatchCommand();
        cmd.CommandText = "update es.projection_dead_letters set resolved_at = now() where projection = $1 and seq_id = any($2) and resolved_at is null";
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = applied.Select(p => p.Sequence).ToArray() });
        batch.BatchCommands.Add(cmd);
    }

    /// <summary>Where the projection's open dead letters are, in feed order.</summary>
    public static async Task<List<GlobalPosition>> OpenDeadLettersAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select tx_id, seq_id from es.projection_dead_letters where projection = @n and resolved_at is null order by tx_id, seq_id", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", name));
        var list = new List<GlobalPosition>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)));
        return list;
    }
}

/// <summary>An event that failed every attempt, and the last error.</summary>
internal sealed record DeadLetter(RawEvent Event, int Attempts, Exception Error);
