using Npgsql;
using NpgsqlTypes;

namespace Crm.EventStore;

/// <summary>An event of the feed whose data is not deserialized yet (projections skip types they ignore).</summary>
internal readonly record struct RawEvent(
    long Sequence, ulong TransactionId, Guid EventId, Guid StreamId, long Version, string EventType,
    int SchemaVersion, string Data, string Metadata, DateTimeOffset Timestamp)
{
    public GlobalPosition Position => new(TransactionId, Sequence);
}

/// <summary>
/// A page of the feed as read: its rows, and the events a reader handles. When one of those would not
/// deserialize, <see cref="Unreadable"/> names it and its error, and <see cref="Events"/> stops before it.
/// </summary>
internal sealed record FeedPage(List<RawEvent> Raw, List<StoredEvent> Events, (RawEvent Row, Exception Error)? Unreadable);

public sealed partial class EventStore
{
    // Only rows of transactions below the oldest one still running are read: every transaction that
    // could still commit an earlier (tx_id, seq_id) is finished, so the reader never passes over a
    // row that becomes visible later. No gap detection, no timeouts.
    private const string FeedSql =
        $"""
        select {EventColumns} from es.events
        where (tx_id, seq_id) > (@tx, @seq) and tx_id < pg_snapshot_xmin(pg_current_snapshot())
        order by tx_id, seq_id
        limit @limit
        """;

    // Every committed row, without the horizon: only for a reader that holds the inline gate exclusively (no append that runs
    // inline projections is in flight, so none of theirs can still commit below what it reads), see Rebuilds/ShadowRebuild.cs.
    private const string CommittedSql =
        $"""
        select {EventColumns} from es.events
        where (tx_id, seq_id) > (@tx, @seq)
        order by tx_id, seq_id
        limit @limit
        """;

    /// <summary>Up to <paramref name="limit"/> events of the global feed after <paramref name="after"/>, in feed order.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(GlobalPosition after, int limit, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        return (await ReadFeedPageAsync(connection, after, limit, null, ct)).Events;
    }

    /// <summary>
    /// One page of the feed: every row, and the rows of the given types (all when null) deserialized as
    /// they arrive — while the server is still sending the rest, so the two overlap; deserializing after
    /// the page is in cost the feed a third of its speed. A row of one of the given types that cannot be
    /// deserialized is named in <see cref="FeedPage.Unreadable"/> for the caller to deal with (retries,
    /// dead letters, a failed rebuild); without types the error is thrown.
    /// </summary>
    internal async Task<FeedPage> ReadFeedPageAsync(
        NpgsqlConnection connection, GlobalPosition after, int limit, IReadOnlySet<string>? types, CancellationToken ct,
        bool beyondHorizon = false)
    {
        await using var cmd = new NpgsqlCommand(beyondHorizon ? CommittedSql : FeedSql, connection);
        cmd.Parameters.Add(new NpgsqlParameter("tx", NpgsqlDbType.Xid8) { Value = after.TransactionId });
        cmd.Parameters.Add(new NpgsqlParameter<long>("seq", after.Sequence));
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await cmd.PrepareAsync(ct);
        var rows = new List<RawEvent>(Math.Min(limit, 4096));
        var events = new List<StoredEvent>(Math.Min(limit, 4096));
        (RawEvent, Exception)? unreadable = null;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var type = reader.GetString(5);
            // A row of a type the reader ignores is only counted and passed: its data and metadata are never decoded.
            var ignored = types is not null && !types.Contains(type);
            var row = new RawEvent(reader.GetInt64(0), reader.GetFieldValue<ulong>(1), reader.GetGuid(2), reader.GetGuid(3),
                reader.GetInt64(4), type, reader.GetInt32(6), ignored ? "" : reader.GetString(7), ignored ? "" : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9));
            rows.Add(row);
            if (unreadable is not null || ignored) continue;
            try
            {
                events.Add(ToStoredEvent(row));
            }
            catch (Exception e) when (types is not null)
            {
                unreadable = (row, e);
            }
        }
        return new FeedPage(rows, events, unreadable);
    }

    /// <summary>Whether committed events exist after a position, whether or not the feed may hand them out yet.</summary>
    internal static async Task<bool> HasEventsAfterAsync(NpgsqlConnection connection, GlobalPosition after, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select exists (select 1 from es.events where (tx_id, seq_id) > (@tx, @seq))", connection);
        cmd.Parameters.Add(new NpgsqlParameter("tx", NpgsqlDbType.Xid8) { Value = after.TransactionId });
        cmd.Parameters.Add(new NpgsqlParameter<long>("seq", after.Sequence));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    internal StoredEvent ToStoredEvent(RawEvent e) => new(
        e.Sequence, e.TransactionId, e.EventId, e.StreamId, e.Version, e.EventType,
        Registry.Deserialize(e.EventType, e.SchemaVersion, e.Data), DeserializeMetadata(e.Metadata), e.Timestamp);

    /// <summary>The position of the last committed event (whether or not the feed may hand it out yet).</summary>
    public async Task<GlobalPosition> HeadPositionAsync(CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("select tx_id, seq_id from es.events order by tx_id desc, seq_id desc limit 1", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : GlobalPosition.Start;
    }
}
