namespace Crm.EventStore;

/// <summary>Events to append to one stream, and what the caller expects its version to be.</summary>
public sealed record StreamAppend(Guid StreamId, string StreamType, ExpectedVersion Expected, IReadOnlyList<object> Events)
{
    public static StreamAppend Start(Guid streamId, string streamType, params object[] events) =>
        new(streamId, streamType, ExpectedVersion.NoStream, events);
}

/// <summary>Options of one append transaction.</summary>
public sealed record AppendOptions
{
    public EventMetadata Metadata { get; init; } = EventMetadata.None;

    /// <summary>A client's key for the command: a second append with the key appends nothing and returns the first result.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>A fingerprint of the request; a key reused with another fingerprint is refused.</summary>
    public string? RequestHash { get; init; }

    /// <summary>JSON the command returns, stored with the key so a replay answers the same.</summary>
    public string? Result { get; init; }

    /// <summary>Overrides the event timestamp (imports of historic data); default is the transaction time.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Locks to take and facts to re-check inside the append's transaction before it writes.</summary>
    public AppendGuard? Guard { get; init; }

    public static AppendOptions Default { get; } = new();
}

/// <summary>What an append did: the new version of each stream (in request order) and the events' sequence numbers.</summary>
public sealed record AppendResult(bool Replayed, IReadOnlyList<long> Versions, IReadOnlyList<long> Sequences, string? Result)
{
    /// <summary>The events' stored timestamp (created_at) when this append wrote them.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
