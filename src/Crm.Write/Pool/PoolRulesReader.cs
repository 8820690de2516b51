namespace Crm.Write.Pool;

/// <summary>The pool configuration, folded from its stream (a handful of events) on every call: claims and the recycling job need it current.</summary>
public sealed class PoolRulesReader(EventStore.EventStore store)
{
    public async Task<(PoolRulesState State, long Version)> CurrentAsync(CancellationToken ct)
    {
        var folded = await store.AggregateStreamAsync(PoolRules.StreamId, PoolRulesState.Defaults, (s, e) => PoolRules.Evolve(s, e.Data), ct: ct);
        return folded ?? (PoolRulesState.Defaults, 0);
    }
}
