using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore;

public sealed partial class EventStore
{
    /// <summary>
    /// Every event of every stream of the given types, up to a moment (all when null): stream by stream, each in version order.
    /// For folding a small family of streams whole as of a moment (the org's users, departments and roles); the streams are found
    /// by their type in es.streams, which has no index on it, so this scans es.streams once — fine for an audit's question,
    /// not for a request path that runs often.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamsOfTypesAsync(
        IReadOnlyCollection<string> streamTypes, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select {EventColumns} from es.events
            where stream_id in (
                    select stream_id from es.streams
                    where stream_type = any(@types) and (@asOf::timestamptz is null or created_at <= @asOf))
              and (@asOf::timestamptz is null or created_at <= @asOf)
            order by stream_id, version
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = streamTypes.ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("asOf", NpgsqlDbType.TimestampTz) { Value = asOf is { } t ? t.UtcDateTime : DBNull.Value });
        var list = new List<StoredEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(ToStoredEvent(reader));
        return list;
    }
}
