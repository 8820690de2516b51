using Crm.EventStore;

namespace Crm.Write;

/// <summary>What a decider concluded: the events to append (possibly none: a no-op) or a refusal.</summary>
public sealed class Decision
{
    private Decision(IReadOnlyList<object> events, DomainError? error, IReadOnlyList<StreamAppend>? checks = null, StreamErasure? erasure = null)
    {
        Events = events;
        Error = error;
        Checks = checks ?? [];
        Erasure = erasure;
    }

    public IReadOnlyList<object> Events { get; }
    public DomainError? Error { get; }
    public bool IsRefused => Error is not null;

    /// <summary>
    /// Other records this decision read, at the versions read (<see cref="StreamAppend.Check"/>): the events are appended only while
    /// those are unchanged, else the command decides again on fresh facts. Without it a decision on another record's state (a
    /// contact given its customer's owner) could land after that record changed (the customer transferred): write skew.
    /// </summary>
    public IReadOnlyList<StreamAppend> Checks { get; }

    /// <summary>The masking of the stream's earlier events that the append carries out with these events (an erasure); usually null.</summary>
    public StreamErasure? Erasure { get; }

    /// <summary>This decision, its append also masking personal data (docs/event-store.md, "Erasure").</summary>
    public Decision Erasing(StreamErasure erasure) => new(Events, Error, Checks, erasure);

    /// <summary>This decision, appended only while stream <paramref name="streamId"/> is still at <paramref name="version"/> (0: absent).</summary>
    public Decision Reading(Guid streamId, string streamType, long version) => new(Events, Error,
        [.. Checks, StreamAppend.Check(streamId, streamType, version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version))], Erasure);

    /// <summary>Nothing to change: the command is already satisfied by the current state.</summary>
    public static Decision Nothing { get; } = new([], null);

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Refuse(DomainError error) => new([], error);

    public static implicit operator Decision(DomainError error) => Refuse(error);
}
