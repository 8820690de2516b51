using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore;

public sealed partial class EventStore
{
    /// <summary>
    /// Every event of every stream of the given types, up to a moment (all when null): stream by stream, each in version order.
    /// For folding a small family of streams whole as of a moment (the org's users, departments and roles). The types are written
    /// into the statement as literals so PostgreSQL can use the partial index of the org's streams (es.streams_of_the_org) when
    /// they are among its types; other types scan es.streams.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamsOfTypesAsync(
        IReadOnlyCollection<string> streamTypes, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        // Stream types are the code's own names ("user", "sales-order"): anything else is refused rather than quoted.
        if (streamTypes.Count == 0 || streamTypes.Any(t => t.Length is 0 or > 64 || !t.All(c => c is >= 'a' and <= 'z' or '-' or '_')))
            throw new ArgumentException("Stream types are lower-case names.", nameof(streamTypes));
        var types = string.Join(", ", streamTypes.Order(StringComparer.Ordinal).Select(t => $"'{t}'"));
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select {EventColumns} from es.events
            where stream_id in (
                    select stream_id from es.streams
                    where stream_type in ({types}) and (@asOf::timestamptz is null or created_at <= @asOf))
              and (@asOf::timestamptz is null or created_at <= @asOf)
            order by stream_id, version
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter("asOf", NpgsqlDbType.TimestampTz) { Value = asOf is { } t ? t.UtcDateTime : DBNull.Value });
        var list = new List<StoredEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(ToStoredEvent(reader));
        return list;
    }
}
