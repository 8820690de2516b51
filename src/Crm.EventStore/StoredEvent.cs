namespace Crm.EventStore;

/// <summary>An event as read back from the store, with its position in its stream and in the global feed.</summary>
public sealed record StoredEvent(
    long Sequence,
    ulong TransactionId,
    Guid EventId,
    Guid StreamId,
    long Version,
    string EventType,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset Timestamp)
{
    public GlobalPosition Position => new(TransactionId, Sequence);
}
