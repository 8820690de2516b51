using Crm.EventStore;

namespace Crm.Write;

public static class DeciderLoading
{
    /// <summary>
    /// A record's current state and version folded by its decider — from its snapshot and the events after it when the decider keeps
    /// snapshots — or null when its stream does not exist. Every load of a decider's state for a decision goes through here.
    /// </summary>
    public static async Task<(TState State, long Version)?> LoadAsync<TState>(this EventStore.EventStore store, Decider<TState> decider, Guid id,
        CancellationToken ct) =>
        decider.Snapshots is { } snapshots
            ? await store.AggregateStreamAsync(id, decider.Initial, (s, e) => decider.Evolve(s, e.Data), snapshots, ct)
            : await store.AggregateStreamAsync(id, decider.Initial, (s, e) => decider.Evolve(s, e.Data), ct: ct);
}
