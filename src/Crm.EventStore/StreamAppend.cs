namespace Crm.EventStore;

/// <summary>
/// Events to append to one stream, and what the caller expects its version to be. Without events it is a check
/// (<see cref="Check"/>): the stream must still be at <see cref="Expected"/>, and nothing is written to it.
/// </summary>
public sealed record StreamAppend(Guid StreamId, string StreamType, ExpectedVersion Expected, IReadOnlyList<object> Events)
{
    public static StreamAppend Start(Guid streamId, string streamType, params object[] events) =>
        new(streamId, streamType, ExpectedVersion.NoStream, events);

    /// <summary>
    /// A stream the decision read but does not change (a contact's customer): the whole append is refused with
    /// <see cref="ConcurrencyException"/> unless the stream is still at <paramref name="expected"/> (<see cref="ExpectedVersion.NoStream"/>:
    /// still absent), and an append to it waits until this one has committed or rolled back. Its version is not moved; the
    /// result reports it unchanged. Needs at least one stream with events in the same append.
    /// </summary>
    public static StreamAppend Check(Guid streamId, string streamType, ExpectedVersion expected) =>
        expected == ExpectedVersion.Any
            ? throw new ArgumentException("A check names the version the decision read; \"any\" checks nothing.", nameof(expected))
            : new(streamId, streamType, expected, []);

    /// <summary>A check (no events): see <see cref="Check"/>.</summary>
    public bool IsCheck => Events.Count == 0;
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

    /// <summary>
    /// Personal data to mask in the earlier events of one stream of this append, in its transaction (docs/event-store.md, "Erasure"):
    /// the stream's first event of this append is the erasure's own.
    /// </summary>
    public StreamErasure? Erasure { get; init; }

    public static AppendOptions Default { get; } = new();
}

/// <summary>
/// What an append did: the new version of each stream (in request order; a checked stream's version, unchanged) and the events'
/// sequence numbers.
/// </summary>
public sealed record AppendResult(bool Replayed, IReadOnlyList<long> Versions, IReadOnlyList<long> Sequences, string? Result)
{
    /// <summary>The events' stored timestamp (created_at) when this append wrote them.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
