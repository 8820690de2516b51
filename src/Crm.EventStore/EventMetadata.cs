namespace Crm.EventStore;

/// <summary>Who caused an event and why: stored with every event as the metadata jsonb.</summary>
public sealed record EventMetadata(
    Guid? ActorId = null,
    string? CorrelationId = null,
    string? CausationId = null,
    string? RequestId = null)
{
    public static EventMetadata None { get; } = new();
}
