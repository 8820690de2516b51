using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore.Daemon;

/// <summary>SQL on es.projection_checkpoints and es.projection_dead_letters.</summary>
internal static class Checkpoints
{
    public sealed record Row(GlobalPosition Position, string Status);

    public static async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<string> names, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "insert into es.projection_checkpoints (name) select unnest(@names) on conflict do nothing", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("names", names.ToArray()));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<Row> ReadAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select tx_id, seq_id, status from es.projection_checkpoints where name = @n", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", name));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"No checkpoint row for projection '{name}'.");
        return new Row(new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)), reader.GetString(2));
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
               set tx_id = @tx, seq_id = @seq, events_processed = events_processed + @n, updated_at = now()
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

    /// <summary>Back to the start, in the transaction that also wipes the projection's rows.</summary>
    public static async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            update es.projection_checkpoints
               set tx_id = '0', seq_id = 0, events_processed = 0, status = 'rebuilding', rebuilds = rebuilds + 1,
                   last_error = null, updated_at = now()
             where name = @name;
            delete from es.projection_dead_letters where projection = @name;
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task DeadLetterAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name, RawEvent e,
        int attempts, Exception error, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            insert into es.projection_dead_letters (projection, seq_id, event_id, stream_id, event_type, attempts, error)
            values (@name, @seq, @id, @stream, @type, @attempts, @error) on conflict do nothing
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        cmd.Parameters.Add(new NpgsqlParameter<long>("seq", e.Sequence));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", e.EventId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("stream", e.StreamId));
        cmd.Parameters.Add(new NpgsqlParameter<string>("type", e.EventType));
        cmd.Parameters.Add(new NpgsqlParameter<int>("attempts", attempts));
        cmd.Parameters.Add(new NpgsqlParameter<string>("error", error.ToString()));
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
