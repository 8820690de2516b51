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
    public string Name => "crm.funnel";

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
            await ApplyOpportunitiesAsync(segment, positions, tables, ct);
            segment.Clear();
            await ApplyStagesAsync(pipeline.Item1, pipeline.Item2, positions, tables, ct);
        }
        await ApplyOpportunitiesAsync(segment, positions, tables, ct);
    }

    private static async Task ApplyOpportunitiesAsync(List<StoredEvent> events, Dictionary<Guid, Dictionary<Guid, int>> positions,
        FunnelTables tables, CancellationToken ct)
    {
        var ids = events.Select(e => OpportunityOf(e.Data)).Where(id => id != Guid.Empty).ToHashSet();
        if (ids.Count == 0) return;
        var entries = await tables.LoadAsync(ids, ct);
        var rollup = new FunnelRollup();
        var staysBefore = new Dictionary<Guid, int>();
        foreach (var entry in entries.Values.OfType<FunnelEntry>())
        {
            rollup.Add(entry, positions.GetValueOrDefault(entry.Stage.PipelineId), -1);
            staysBefore[entry.Id] = entry.Stays.Count;
        }
        foreach (var e in events)
        {
            var id = OpportunityOf(e.Data);
            if (id != Guid.Empty) entries[id] = FunnelEntry.Evolve(entries.GetValueOrDefault(id), e.Data, e.Timestamp);
        }
        var entered = new Dictionary<(Guid, Guid), FunnelStay>();
        var live = new List<(FunnelEntry, Dictionary<Guid, FlowTally>)>();
        foreach (var entry in entries.Values.OfType<FunnelEntry>())
        {
            live.Add((entry, rollup.Add(entry, positions.GetValueOrDefault(entry.Stage.PipelineId), +1)));
            foreach (var stay in entry.Stays.Skip(staysBefore.GetValueOrDefault(entry.Id)))
            {
                if (!entered.TryGetValue((stay.PipelineId, stay.StageId), out var latest) || stay.EnteredAt >= latest.EnteredAt)
                    entered[(stay.PipelineId, stay.StageId)] = stay;
            }
        }
        var gone = entries.Where(kv => kv.Value is null && staysBefore.ContainsKey(kv.Key)).Select(kv => kv.Key).ToArray();
        await tables.WriteAsync(gone, live, staysBefore.Keys.ToHashSet(), entered.Values.ToList(), rollup, ct);
    }

    private static async Task ApplyStagesAsync(Guid pipelineId, IReadOnlyList<PipelineStage> stages, Dictionary<Guid, Dictionary<Guid, int>> positions,
        FunnelTables tables, CancellationToken ct)
    {
        var order = stages.Where(s => s.Outcome == StageOutcome.Open).Select((s, i) => (s.StageId, i)).ToDictionary(x => x.StageId, x => x.i);
        var unchanged = positions.TryGetValue(pipelineId, out var before) && before.Count == order.Count
                        && before.All(kv => order.GetValueOrDefault(kv.Key, -1) == kv.Value);
        if (unchanged) return;
        positions[pipelineId] = order;
        await tables.ReplacePositionsAsync(pipelineId, order, ct);
        var rollup = new FunnelRollup();
        var flows = (await tables.LoadPipelineAsync(pipelineId, ct)).Select(entry => (entry, rollup.Add(entry, order, +1))).ToList();
        rollup.Counts.Clear(); // what counts now does not depend on the order
        await tables.ReplaceFlowsAsync(pipelineId, flows, rollup, ct);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct) => await new FunnelTables(context).TruncateAsync(ct);
}
