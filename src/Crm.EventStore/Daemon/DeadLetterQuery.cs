using Npgsql;

namespace Crm.EventStore.Daemon;

/// <summary>
/// An event a projection gave up on. <see cref="Error"/> is the error's first line (its message), not the stack trace;
/// <see cref="ResolvedAt"/> is set once a rebuild applied the event after all.
/// </summary>
public sealed record DeadLetterRecord(
    GlobalPosition Position, Guid EventId, Guid StreamId, string EventType, int Attempts, string Error, DateTimeOffset FailedAt,
    DateTimeOffset? ResolvedAt);

internal static class DeadLetterQuery
{
    public static async Task<IReadOnlyList<DeadLetterRecord>> ReadAsync(NpgsqlDataSource dataSource, string projection, bool openOnly, int limit,
        CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            select tx_id, seq_id, event_id, stream_id, event_type, attempts, split_part(error, E'\n', 1), failed_at, resolved_at
              from es.projection_dead_letters
             where projection = @n and (not @open or resolved_at is null)
             order by tx_id, seq_id
             limit @limit
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", projection));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("open", openOnly));
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var list = new List<DeadLetterRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new DeadLetterRecord(
                new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)), reader.GetGuid(2), reader.GetGuid(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        }
        return list;
    }
}
