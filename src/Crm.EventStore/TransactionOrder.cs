using Npgsql;

namespace Crm.EventStore;

/// <summary>
/// The feed orders events by the id of the transaction that wrote them, so every new transaction must get a higher id than any
/// event already stored. PostgreSQL guarantees it within a cluster; a logical restore into another cluster breaks it (the events
/// keep their ids, the new cluster counts from its own). Checked before the host serves.
/// </summary>
public static class TransactionOrder
{
    /// <summary>Throws <see cref="TransactionOrderException"/> when the next transaction id is not past the newest event's.</summary>
    public static async Task CheckAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        // pg_snapshot_xmax: the first transaction id not yet assigned (assigning one here would spend it).
        await using var cmd = dataSource.CreateCommand(
            """
            select (select tx_id from es.events order by tx_id desc, seq_id desc limit 1), pg_snapshot_xmax(pg_current_snapshot())
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.IsDBNull(0)) return;
        var (newest, next) = (reader.GetFieldValue<ulong>(0), reader.GetFieldValue<ulong>(1));
        if (newest >= next) throw new TransactionOrderException(newest, next);
    }
}
