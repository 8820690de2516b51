using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore;

/// <summary>A stream's identity row.</summary>
public sealed record StreamInfo(Guid StreamId, string StreamType, long Version, bool IsArchived, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed partial class EventStore
{
    /// <summary>
    /// A stream's events in version order, optionally only up to a version or up to a moment
    /// (time travel). Empty when the stream does not exist or had no events by then.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        Guid streamId, long? toVersion = null, DateTimeOffset? asOf = null, long fromVersion = 1, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select {EventColumns} from es.events
            where stream_id = @id and version >= @from
              and (@to::bigint is null or version <= @to) and (@asOf::timestamptz is null or created_at <= @asOf)
            order by version
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", streamId));
        cmd.Parameters.Add(new NpgsqlParameter<long>("from", fromVersion));
        cmd.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Bigint) { Value = (object?)toVersion ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("asOf", NpgsqlDbType.TimestampTz) { Value = asOf is { } t ? t.UtcDateTime : DBNull.Value });
        await cmd.PrepareAsync(ct);
        var list = new List<StoredEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(ToStoredEvent(reader));
        return list;
    }

    /// <summary>
    /// Folds a stream into state, optionally as it was at a version or a moment. Null when the stream
    /// had no events by then.
    /// </summary>
    public async Task<(TState State, long Version)?> AggregateStreamAsync<TState>(
        Guid streamId, TState initial, Func<TState, StoredEvent, TState> evolve,
        long? toVersion = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var events = await ReadStreamAsync(streamId, toVersion, asOf, 1, ct);
        if (events.Count == 0) return null;
        var state = initial;
        foreach (var e in events) state = evolve(state, e);
        return (state, events[^1].Version);
    }

    public async Task<StreamInfo?> GetStreamAsync(Guid streamId, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select stream_id, stream_type, version, is_archived, created_at, updated_at from es.streams where stream_id = @id", connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", streamId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new StreamInfo(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetBoolean(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
    }

    /// <summary>Marks a stream archived: its events stay readable, appends to it are refused.</summary>
    public async Task ArchiveStreamAsync(Guid streamId, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("update es.streams set is_archived = true, updated_at = now() where stream_id = @id", connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", streamId));
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
