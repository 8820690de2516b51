using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;

namespace Crm.Projections.Funnel;

/// <summary>
/// The funnel's tables, async (run by the daemon), from the opportunity events and the pipelines' stage orders. A batch loads
/// the rows of the opportunities it touches, takes away what each counted in the rollups, folds the events in memory
/// (<see cref="FunnelEntry.Evolve"/>), adds what each counts now and writes every touched row once, rollup rows as deltas.
/// The daemon moves its checkpoint in the same transaction, so nothing is applied twice.
/// A pipeline whose open stages are reordered gets its conversions recounted from its opportunities' stays (positions as
/// configured now), at that point of the feed.
/// </summary>
public sealed class FunnelProjection : IProjection
{
    // The opportunities the last batches wrote: a catch-up meets each one batch after batch (a stage change a pass), and reading
    // it back each time cost about a quarter of a batch (ops/bench figure 8). About 1 KB an opportunity.
    private readonly ProjectionCache<Guid, FunnelEntry> cache = new(capacity: 400_000);

    public string Name => "crm.funnel";

    public IReadOnlyList<string> Tables { get; } =
    [
        "crm.funnel_opportunities", "crm.funnel_stays", "crm.funnel_pipeline_stages", "crm.funnel_stage_names", "crm.funnel_counts",
        "crm.funnel_flow",
    ];

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(OpportunityCreated), typeof(OpportunityStageAdvanced), typeof(OpportunityWon), typeof(OpportunityLost), typeof(OpportunityReopened),
        typeof(OpportunityTransferred), typeof(OpportunityAmountSet), typeof(OpportunityLinesChanged), typeof(OpportunityDeleted),
        typeof(PipelineCreated), typeof(PipelineStagesChanged),
    ];

    private static Guid OpportunityOf(object e) => e switch
    {
        OpportunityCreated x => x.OpportunityId,
        OpportunityStageAdvanced x => x.OpportunityId,
        OpportunityWon x => x.OpportunityId,
        OpportunityLost x => x.OpportunityId,
        OpportunityReopened x => x.OpportunityId,
        OpportunityTransferred x => x.OpportunityId,
        OpportunityAmountSet x => x.OpportunityId,
        OpportunityLinesChanged x => x.OpportunityId,
        OpportunityDeleted x => x.OpportunityId,
        _ => Guid.Empty,
    };

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        var tables = new FunnelTables(context);
        var positions = await tables.PositionsAsync(ct);
        var written = new Dictionary<Guid, FunnelEntry?>(); // what this batch wrote so far, over what the cache remembers
        var segment = new List<StoredEvent>();
        foreach (var e in events)
        {
            var stages = e.Data switch
            {
                PipelineCreated p => (p.PipelineId, p.Stages),
                PipelineStagesChanged p => (p.PipelineId, p.Stages),
                _ => ((Guid, IReadOnlyList<PipelineStage>)?)null,
            };
            if (stages is not { } pipeline)
            {
                segment.Add(e);
                continue;
            }
            // The opportunity events before a reorder count with the order before it.
            await ApplyOpportunitiesAsync(segment, positions, tables, written, ct);
            segment.Clear();
            await ApplyStagesAsync(pipeline.Item1, pipeline.Item2, positions, tables, written, ct);
        }
        await ApplyOpportunitiesAsync(segment, positions, tables, written, ct);
        cache.Keep(context, written);
    }

    private async Task ApplyOpportunitiesAsync(List<StoredEvent> events, Dictionary<Guid, Dictionary<Guid, int>> positions,
        FunnelTables tables, Dictionary<Guid, FunnelEntry?> written, CancellationToken ct)
    {
        var ids = events.Select(e => OpportunityOf(e.Data)).Where(id => id != Guid.Empty).ToHashSet();
        if (ids.Count == 0) return;
        var entries = new Dictionary<Guid, FunnelEntry?>(ids.Count);
        foreach (var id in ids)
        {
            if (written.TryGetValue(id, out var entry)) entries[id] = entry;
        }
        var notWritten = ids.Where(id => !entries.ContainsKey(id)).ToList();
        foreach (var (id, entry) in await cache.ReadAsync(tables.Context, notWritten, async unknown => await tables.LoadAsync(unknown, ct)))
            entries[id] = entry;
        var loaded = entries.Where(kv => kv.Value is not null).Select(kv => kv.Key).ToHashSet();
        var rollup = new FunnelRollup();
        foreach (var entry in entries.Values.OfType<FunnelEntry>()) rollup.Add(entry, -1);
        var stays = new List<FunnelStay>();
        var recount = new HashSet<Guid>();
        foreach (var e in events)
        {
            var id = OpportunityOf(e.Data);
            if (id == Guid.Empty) continue;
            var entry = entries.GetValueOrDefault(id);
            var step = FunnelEntry.Evolve(entry, e.Data, e.Timestamp, entry is null ? null : positions.GetValueOrDefault(entry.Stage.PipelineId));
            entries[id] = step.Entry;
            if (step.Stay is { } stay) stays.Add(stay);
            if (step.Recount) recount.Add(id);
        }
        // The latest entry of each stage names it (an opportunity deleted since included, as a replay in other batches would see it).
        var entered = stays.GroupBy(s => (s.PipelineId, s.StageId)).Select(g => g.MaxBy(s => s, FunnelStay.Latest)!).ToList();
        stays.RemoveAll(s => entries[s.OpportunityId] is null);
        recount.RemoveWhere(id => entries[id] is null);
        if (recount.Count > 0) await RecountAsync(recount, entries, stays, positions, tables, ct);
        var live = entries.Values.OfType<FunnelEntry>().ToList();
        foreach (var entry in live) rollup.Add(entry, +1);
        var gone = entries.Where(kv => kv.Value is null && loaded.Contains(kv.Key)).Select(kv => kv.Key).ToArray();
        await tables.WriteAsync(gone, live, loaded, stays, entered, rollup, ct);
        foreach (var (id, entry) in entries) written[id] = entry;
    }

    /// <summary>Opportunities whose stays left their pipeline: their flow counted again from every stay, those on file and this batch's.</summary>
    private static async Task RecountAsync(HashSet<Guid> ids, Dictionary<Guid, FunnelEntry?> entries, List<FunnelStay> stays,
        Dictionary<Guid, Dictionary<Guid, int>> positions, FunnelTables tables, CancellationToken ct)
    {
        var onFile = await tables.StaysAsync(ids, ct);
        foreach (var id in ids)
        {
            var entry = entries[id]!;
            var all = onFile.GetValueOrDefault(id, []).Concat(stays.Where(s => s.OpportunityId == id)).OrderBy(s => s.Visit).ToList();
            entries[id] = entry with { Flow = FunnelRollup.Flow(entry.Stage.PipelineId, all, positions.GetValueOrDefault(entry.Stage.PipelineId)) };
        }
    }

    private static async Task ApplyStagesAsync(Guid pipelineId, IReadOnlyList<PipelineStage> stages, Dictionary<Guid, Dictionary<Guid, int>> positions,
        FunnelTables tables, Dictionary<Guid, FunnelEntry?> written, CancellationToken ct)
    {
        var order = stages.Where(s => s.Outcome == StageOutcome.Open).Select((s, i) => (s.StageId, i)).ToDictionary(x => x.StageId, x => x.i);
        var known = positions.TryGetValue(pipelineId, out var before);
        if (known && before!.Count == order.Count && before.All(kv => order.GetValueOrDefault(kv.Key, -1) == kv.Value)) return;
        positions[pipelineId] = order;
        await tables.ReplacePositionsAsync(pipelineId, order, ct);
        // Conversions compare places of stages entered: a stage added (nobody entered it yet) or renamed changes none of them.
        if (known && !Reordered(before!, order)) return;
        var stays = await tables.PipelineStaysAsync(pipelineId, ct);
        var rollup = new FunnelRollup();
        var recounted = new List<FunnelEntry>();
        foreach (var entry in await tables.LoadPipelineAsync(pipelineId, ct))
        {
            var flowed = entry with { Flow = FunnelRollup.Flow(pipelineId, stays.GetValueOrDefault(entry.Id, []), order) };
            rollup.Add(flowed, +1);
            recounted.Add(flowed);
        }
        rollup.Counts.Clear(); // what counts now does not depend on the order
        await tables.ReplaceFlowsAsync(pipelineId, recounted, rollup, ct);
        foreach (var entry in recounted) written[entry.Id] = entry;
    }

    /// <summary>True when a stage known before is gone or two of them swapped places.</summary>
    private static bool Reordered(Dictionary<Guid, int> before, Dictionary<Guid, int> after)
    {
        if (before.Keys.Any(stage => !after.ContainsKey(stage))) return true;
        var kept = before.OrderBy(kv => kv.Value).Select(kv => after[kv.Key]).ToList();
        return kept.Zip(kept.Skip(1)).Any(pair => pair.First > pair.Second);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct) => await new FunnelTables(context).TruncateAsync(ct);
}
