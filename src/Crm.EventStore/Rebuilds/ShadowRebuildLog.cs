using Crm.EventStore.Daemon;
using Npgsql;

namespace Crm.EventStore.Rebuilds;

/// <summary>SQL on es.shadow_rebuilds: what is asked for, under way, done or failed.</summary>
internal static class ShadowRebuildLog
{
    public sealed record Row(string Projection, string Status, bool Backfill, long EventsProcessed, DateTimeOffset RequestedAt, string? LastError,
        DateTimeOffset? FinishedAt);

    /// <summary>Asks for a rebuild unless one is already asked for or under way; false when it was.</summary>
    public static async Task<bool> RequestAsync(NpgsqlConnection connection, string projection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            insert into es.shadow_rebuilds (projection, status) values (@n, 'rebuild_requested')
            on conflict (projection) do update set status = 'rebuild_requested', requested_at = now(), started_at = null, finished_at = null,
                last_error = null, events_processed = 0
             where es.shadow_rebuilds.status not in ('rebuild_requested', 'rebuilding')
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", projection));
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public static async Task<IReadOnlyList<Row>> ReadAsync(NpgsqlConnection connection, IReadOnlyCollection<string> projections,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select projection, status, backfill, events_processed, requested_at, last_error, finished_at from es.shadow_rebuilds where projection = any(@n)",
            connection);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("n", [.. projections]));
        var rows = new List<Row>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt64(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return rows;
    }

    public static async Task StartAsync(NpgsqlConnection connection, string projection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "update es.shadow_rebuilds set status = 'rebuilding', started_at = now(), events_processed = 0, last_error = null where projection = @n",
            connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", projection));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task ProgressAsync(NpgsqlConnection connection, string projection, long applied, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("update es.shadow_rebuilds set events_processed = @e where projection = @n", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", projection));
        cmd.Parameters.Add(new NpgsqlParameter<long>("e", applied));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>In the swap's transaction: done, and appends apply the projection inline again (a back-fill is over).</summary>
    public static async Task FinishAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string projection, long applied, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            update es.shadow_rebuilds set status = '{ProjectionState.Running}', backfill = false, finished_at = now(), events_processed = @e,
                   last_error = null
             where projection = @n
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", projection));
        cmd.Parameters.Add(new NpgsqlParameter<long>("e", applied));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The live tables are untouched by a failed rebuild: they keep serving, and a back-fill stays pending.</summary>
    public static async Task FailAsync(NpgsqlConnection connection, string projection, string error, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"update es.shadow_rebuilds set status = '{ProjectionState.Failed}', finished_at = now(), last_error = @e where projection = @n", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", projection));
        cmd.Parameters.Add(new NpgsqlParameter<string>("e", error));
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
