using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.EventStore;

/// <summary>
/// The event store on PostgreSQL: append with optimistic concurrency and idempotency keys, read and
/// fold streams (to a version or a moment), and the global ordered feed. Inline projections run in the
/// append's transaction. Create the schema first with <see cref="Schema.SchemaMigrator"/>.
/// </summary>
public sealed partial class EventStore
{
    public const string NotificationChannel = "es_events";
    private const int MaxAnyVersionAttempts = 30;

    private readonly JsonSerializerOptions metadataOptions;
    private readonly AppendNotifier notifier;
    private readonly IReadOnlyList<(IProjection Projection, FrozenSet<string> Types)> inline;

    public EventStore(NpgsqlDataSource dataSource, EventTypeRegistry registry, IEnumerable<IProjection>? inlineProjections = null)
    {
        DataSource = dataSource;
        Registry = registry.Freeze();
        metadataOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        inline = (inlineProjections ?? []).Select(p => (p, TypeNames(p))).ToList();
        notifier = new AppendNotifier(dataSource);
    }

    public NpgsqlDataSource DataSource { get; }
    public EventTypeRegistry Registry { get; }
    public IEnumerable<IProjection> InlineProjections => inline.Select(i => i.Projection);

    /// <summary>The registered names of the event types a projection handles.</summary>
    public FrozenSet<string> TypeNames(IProjection projection) =>
        projection.EventTypes.Select(t => Registry.For(t).Name).ToFrozenSet(StringComparer.Ordinal);

    internal string SerializeMetadata(EventMetadata metadata) =>
        metadata == EventMetadata.None ? "{}" : JsonSerializer.Serialize(metadata, metadataOptions);

    internal EventMetadata DeserializeMetadata(string json) =>
        json.Length <= 2 ? EventMetadata.None : JsonSerializer.Deserialize<EventMetadata>(json, metadataOptions) ?? EventMetadata.None;

    internal StoredEvent ToStoredEvent(NpgsqlDataReader reader) => new(
        Sequence: reader.GetInt64(0),
        TransactionId: reader.GetFieldValue<ulong>(1),
        EventId: reader.GetGuid(2),
        StreamId: reader.GetGuid(3),
        Version: reader.GetInt64(4),
        EventType: reader.GetString(5),
        Data: Registry.Deserialize(reader.GetString(5), reader.GetInt32(6), reader.GetString(7)),
        Metadata: DeserializeMetadata(reader.GetString(8)),
        Timestamp: reader.GetFieldValue<DateTimeOffset>(9));

    /// <summary>The columns <see cref="ToStoredEvent"/> reads, in its order.</summary>
    internal const string EventColumns = "seq_id, tx_id, event_id, stream_id, version, event_type, schema_version, data::text, metadata::text, created_at";
}
