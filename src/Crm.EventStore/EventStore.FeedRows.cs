using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore;

/// <summary>An event of the global feed as stored: its data and metadata JSON untouched (not upcast), for auditors and integrations.</summary>
public sealed record FeedRow(
    GlobalPosition Position, Guid EventId, Guid StreamId, long Version, string EventType, int SchemaVersion, string Data, string Metadata,
    DateTimeOffset Timestamp);

public sealed partial class EventStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> events of the global feed after <paramref name="after"/>, as stored. The same horizon as the
    /// daemon's reads: a reader resuming from the last position it got never misses an event that commits later.
    /// </summary>
    public async Task<IReadOnlyList<FeedRow>> ReadFeedRowsAsync(GlobalPosition after, int limit, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(FeedSql, connection);
        cmd.Parameters.Add(new NpgsqlParameter("tx", NpgsqlDbType.Xid8) { Value = after.TransactionId });
        cmd.Parameters.Add(new NpgsqlParameter<long>("seq", after.Sequence));
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await cmd.PrepareAsync(ct);
        var rows = new List<FeedRow>(Math.Min(limit, 1000));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new FeedRow(new GlobalPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(0)), reader.GetGuid(2), reader.GetGuid(3),
                reader.GetInt64(4), reader.GetString(5), reader.GetInt32(6), reader.GetString(7), reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return rows;
    }

    /// <summary>One event of the feed as stored, by its id (a webhook delivery's payload); null when there is none.</summary>
    public async Task<FeedRow?> ReadFeedRowAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"select {EventColumns} from es.events where event_id = @id", connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", eventId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new FeedRow(new GlobalPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(0)), reader.GetGuid(2), reader.GetGuid(3),
            reader.GetInt64(4), reader.GetString(5), reader.GetInt32(6), reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9));
    }
}
