using Crm.EventStore;

namespace Crm.Write;

/// <summary>The transport's part of a command: who/why (metadata), retry identity and the client's expected version.</summary>
public sealed record CommandRequest
{
    public EventMetadata Metadata { get; init; } = EventMetadata.None;

    public string? IdempotencyKey { get; init; }

    /// <summary>Fingerprint of the request the key was sent with; the same key with another fingerprint is refused.</summary>
    public string? RequestHash { get; init; }

    /// <summary>The version the client last saw (If-Match); null to take whatever is current.</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>The external id a create links its new record to (docs/integration.md); null for every other command.</summary>
    public DataSync.ExternalIdClaim? ExternalId { get; init; }
}

/// <summary>How a command ended: the stream's version afterwards (the new ETag), or a refusal.</summary>
/// <param name="Replayed">True when an idempotency key matched an earlier command: nothing was written now.</param>
public sealed record CommandOutcome(Guid StreamId, long Version, bool Replayed, IReadOnlyList<object> Events, DomainError? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>When <see cref="Events"/> were stored (their timestamp in the store); null when nothing was written now.</summary>
    public DateTimeOffset? WrittenAt { get; init; }

    public static CommandOutcome Refused(Guid streamId, DomainError error) => new(streamId, 0, false, [], error);
}
