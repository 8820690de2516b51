using Crm.EventStore;

namespace Crm.Write;

/// <summary>
/// The fold half of an aggregate's decider: how its stream is named and how events build its state.
/// The decide half is a plain static method per command, so each command can take the extra inputs
/// (looked up by the handler) its rules need.
/// </summary>
public sealed record Decider<TState>(string StreamType, TState Initial, Func<TState, object, TState> Evolve)
{
    /// <summary>
    /// Set for records whose streams grow long (a customer gains an event per follow-up): commands then load a snapshot and the events
    /// after it (EventStore.AggregateStreamAsync with a policy). The state must read back from JSON as it was (a test per decider).
    /// </summary>
    public SnapshotPolicy? Snapshots { get; init; }

    public TState Fold(TState state, IEnumerable<object> events) => events.Aggregate(state, Evolve);
}
