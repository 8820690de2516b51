using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Projections.Funnel;

/// <summary>One stay of an opportunity in a stage, as its stage event recorded the stage: a row of crm.funnel_stays.</summary>
public sealed record FunnelStay(Guid OpportunityId, int Visit, Guid PipelineId, Guid StageId, string Name, decimal WinRate, string Outcome,
    DateTimeOffset EnteredAt)
{
    public static FunnelStay Of(Guid opportunityId, int visit, StageSnapshot stage, DateTimeOffset at) =>
        new(opportunityId, visit, stage.PipelineId, stage.StageId, stage.Name, stage.WinRate, stage.Outcome, FunnelTime.Stored(at));

    /// <summary>Later entry first: by <see cref="EnteredAt"/>, ties by opportunity id as PostgreSQL orders uuids (byte by byte).</summary>
    public static IComparer<FunnelStay> Latest { get; } = Comparer<FunnelStay>.Create((a, b) =>
    {
        var byTime = a.EnteredAt.CompareTo(b.EnteredAt);
        return byTime != 0 ? byTime : a.OpportunityId.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(b.OpportunityId.ToByteArray(bigEndian: true));
    });
}

/// <summary>
/// An opportunity as the funnel counts it: a row of crm.funnel_opportunities. <see cref="Flow"/>: per open stage of its pipeline it
/// entered, whether it converted from it, its stays there that ended and their seconds — kept up to date stay by stay, so an event
/// never needs the stays before it (crm.funnel_stays keeps them, insert-only, for a recount when the stage order changes).
/// </summary>
public sealed record FunnelEntry(
    Guid Id, StageSnapshot Stage, Money Amount, Guid OwnerId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Visits,
    DateTimeOffset StageEnteredAt, IReadOnlyDictionary<Guid, FlowTally> Flow)
{
    /// <summary>The day (UTC) the funnel's period filter counts the opportunity in.</summary>
    public DateOnly CreatedOn => DateOnly.FromDateTime(CreatedAt.UtcDateTime);

    /// <summary>
    /// The entry after one opportunity event, and the stay it started (a stage event ends the current stay at its time and starts
    /// the next). Null entry: the opportunity is gone (deleted) or unknown (an event before its creation).
    /// <paramref name="positions"/>: the open stages of the pipeline and their places now (null: unknown, only wins convert).
    /// A stay in another pipeline than the current one makes <see cref="FunnelStep.Recount"/> true: the flow must then be counted
    /// again from every stay (<see cref="FunnelRollup.Flow"/>).
    /// </summary>
    public static FunnelStep Evolve(FunnelEntry? entry, object @event, DateTimeOffset timestamp, IReadOnlyDictionary<Guid, int>? positions)
    {
        if (@event is OpportunityCreated c)
        {
            var stay = FunnelStay.Of(c.OpportunityId, 1, c.Stage, c.At);
            var flow = new Dictionary<Guid, FlowTally>();
            if (stay.Outcome == StageOutcome.Open) flow[stay.StageId] = new FlowTally(1, 0, 0, 0);
            return new FunnelStep(new FunnelEntry(c.OpportunityId, c.Stage, c.Amount, c.OwnerId, FunnelTime.Stored(c.At), timestamp, 1, stay.EnteredAt, flow),
                stay, false);
        }
        if (entry is null || @event is OpportunityDeleted) return new FunnelStep(null, null, false);
        return @event switch
        {
            OpportunityStageAdvanced x => Enter(entry, x.To, x.At, timestamp, entry.Amount, positions),
            OpportunityWon x => Enter(entry, x.To, x.At, timestamp, x.Amount, positions),
            OpportunityLost x => Enter(entry, x.To, x.At, timestamp, entry.Amount, positions),
            OpportunityReopened x => Enter(entry, x.To, x.At, timestamp, entry.Amount, positions),
            OpportunityTransferred x => new FunnelStep(entry with { OwnerId = x.OwnerId, UpdatedAt = timestamp }, null, false),
            OpportunityAmountSet x => new FunnelStep(entry with { Amount = x.Amount, UpdatedAt = timestamp }, null, false),
            OpportunityLinesChanged x => new FunnelStep(entry with { Amount = x.Amount, UpdatedAt = timestamp }, null, false),
            _ => new FunnelStep(entry, null, false),
        };
    }

    /// <summary>
    /// A new stay: the current one ends (a completed stay of its stage, if open); every stage entered before and placed before the
    /// new one (or all, on a win) has converted; the new stage, if open, is entered.
    /// </summary>
    private static FunnelStep Enter(FunnelEntry entry, StageSnapshot to, DateTimeOffset at, DateTimeOffset timestamp, Money amount,
        IReadOnlyDictionary<Guid, int>? positions)
    {
        var stay = FunnelStay.Of(entry.Id, entry.Visits + 1, to, at);
        var next = entry with { Stage = to, Amount = amount, UpdatedAt = timestamp, Visits = stay.Visit, StageEnteredAt = stay.EnteredAt };
        if (to.PipelineId != entry.Stage.PipelineId) return new FunnelStep(next, stay, true);
        var flow = new Dictionary<Guid, FlowTally>(entry.Flow);
        if (entry.Stage.Outcome == StageOutcome.Open && flow.TryGetValue(entry.Stage.StageId, out var ending))
        {
            var seconds = (stay.EnteredAt - entry.StageEnteredAt).Ticks / (decimal)TimeSpan.TicksPerSecond;
            flow[entry.Stage.StageId] = ending with { Completed = ending.Completed + 1, CompletedSeconds = ending.CompletedSeconds + seconds };
        }
        int? placed = positions is not null && positions.TryGetValue(to.StageId, out var p) ? p : null;
        foreach (var (stage, tally) in flow.ToList())
        {
            var before = positions is not null && positions.TryGetValue(stage, out var q) && placed is { } now && q < now;
            if (tally.Converted == 0 && (to.Outcome == StageOutcome.Won || before)) flow[stage] = tally with { Converted = 1 };
        }
        if (to.Outcome == StageOutcome.Open && !flow.ContainsKey(to.StageId)) flow[to.StageId] = new FlowTally(1, 0, 0, 0);
        return new FunnelStep(next with { Flow = flow }, stay, false);
    }
}

/// <summary>What one event did to an opportunity: the entry after it, the stay it started, and whether its flow needs a recount.</summary>
public readonly record struct FunnelStep(FunnelEntry? Entry, FunnelStay? Stay, bool Recount);

/// <summary>Times as PostgreSQL keeps them (UTC, whole microseconds), so a row read back counts exactly as the one written.</summary>
internal static class FunnelTime
{
    public static DateTimeOffset Stored(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }
}
