using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Projections.Funnel;

/// <summary>One stay of an opportunity in a stage: a row of crm.funnel_stage_visits.</summary>
public sealed record StageVisit(Guid OpportunityId, int Visit, StageSnapshot Stage, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt);

/// <summary>An opportunity as the funnel counts it: a row of crm.funnel_opportunities (its current stay is <see cref="Visit"/>).</summary>
public sealed record FunnelEntry(
    Guid Id, StageSnapshot Stage, Money Amount, Guid OwnerId, int Visit, DateTimeOffset StageEnteredAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public StageVisit CurrentVisit(DateTimeOffset? leftAt = null) => new(Id, Visit, Stage, StageEnteredAt, leftAt);

    /// <summary>
    /// The entry after one opportunity event, and the stays it closed or opened (a stage event ends the current stay at its
    /// time and starts the next). Null: the opportunity is gone (deleted) or unknown (an event before its creation).
    /// </summary>
    public static (FunnelEntry? Entry, IReadOnlyList<StageVisit> Visits) Evolve(FunnelEntry? entry, object @event, DateTimeOffset timestamp)
    {
        if (@event is OpportunityCreated c)
        {
            var created = new FunnelEntry(c.OpportunityId, c.Stage, c.Amount, c.OwnerId, 1, c.At, c.At, timestamp);
            return (created, [created.CurrentVisit()]);
        }
        if (entry is null || @event is OpportunityDeleted) return (null, []);
        return @event switch
        {
            OpportunityStageAdvanced x => Enter(entry, x.To, x.At, timestamp, entry.Amount),
            OpportunityWon x => Enter(entry, x.To, x.At, timestamp, x.Amount),
            OpportunityLost x => Enter(entry, x.To, x.At, timestamp, entry.Amount),
            OpportunityReopened x => Enter(entry, x.To, x.At, timestamp, entry.Amount),
            OpportunityTransferred x => (entry with { OwnerId = x.OwnerId, UpdatedAt = timestamp }, []),
            OpportunityAmountSet x => (entry with { Amount = x.Amount, UpdatedAt = timestamp }, []),
            OpportunityLinesChanged x => (entry with { Amount = x.Amount, UpdatedAt = timestamp }, []),
            _ => (entry, []),
        };
    }

    private static (FunnelEntry, IReadOnlyList<StageVisit>) Enter(
        FunnelEntry entry, StageSnapshot to, DateTimeOffset at, DateTimeOffset timestamp, Money amount)
    {
        var next = entry with { Stage = to, Amount = amount, Visit = entry.Visit + 1, StageEnteredAt = at, UpdatedAt = timestamp };
        return (next, [entry.CurrentVisit(at), next.CurrentVisit()]);
    }
}
