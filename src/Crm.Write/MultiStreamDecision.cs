using Crm.EventStore;

namespace Crm.Write;

/// <summary>The events one stream gets from a command that spans several streams.</summary>
public sealed record StreamChange(Guid StreamId, string StreamType, IReadOnlyList<object> Events);

/// <summary>
/// What a decider spanning several streams concluded (a cascading transfer, a lead conversion): the
/// changes to append in one transaction — each at the version its state was loaded at — or a refusal.
/// </summary>
public sealed record MultiStreamDecision(IReadOnlyList<StreamChange> Changes, DomainError? Error)
{
    /// <summary>Other records the decision read, appended as checks at the versions read (<see cref="Decision.Checks"/>).</summary>
    public IReadOnlyList<StreamAppend> Checks { get; init; } = [];

    public static MultiStreamDecision Refuse(DomainError error) => new([], error);

    public static implicit operator MultiStreamDecision(DomainError error) => Refuse(error);
}
