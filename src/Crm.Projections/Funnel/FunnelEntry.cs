using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Projections.Funnel;

/// <summary>One stay of an opportunity in a stage, as its stage event recorded the stage (an element of crm.funnel_opportunities.stays).</summary>
public sealed record FunnelStay(Guid PipelineId, Guid StageId, string Name, decimal WinRate, string Outcome, DateTimeOffset EnteredAt)
{
    public static FunnelStay Of(StageSnapshot stage, DateTimeOffset at) =>
        new(stage.PipelineId, stage.StageId, stage.Name, stage.WinRate, stage.Outcome, FunnelTime.Stored(at));
}

/// <summary>An opportunity as the funnel counts it: a row of crm.funnel_opportunities; its current stay is the last of <see cref="Stays"/>.</summary>
public sealed record FunnelEntry(
    Guid Id, StageSnapshot Stage, Money Amount, Guid OwnerId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<FunnelStay> Stays)
{
    public DateTimeOffset StageEnteredAt => Stays[^1].EnteredAt;

    /// <summary>The day (UTC) the funnel's period filter counts the opportunity in.</summary>
    public DateOnly CreatedOn => DateOnly.FromDateTime(CreatedAt.UtcDateTime);

    /// <summary>
    /// The entry after one opportunity event: a stage event ends the current stay at its time and starts the next.
    /// Null: the opportunity is gone (deleted) or unknown (an event before its creation).
    /// </summary>
    public static FunnelEntry? Evolve(FunnelEntry? entry, object @event, DateTimeOffset timestamp)
    {
        if (@event is OpportunityCreated c)
            return new FunnelEntry(c.OpportunityId, c.Stage, c.Amount, c.OwnerId, FunnelTime.Stored(c.At), timestamp, [FunnelStay.Of(c.Stage, c.At)]);
        if (entry is null || @event is OpportunityDeleted) return null;
        return @event switch
        {
            OpportunityStageAdvanced x => Enter(entry, x.To, x.At, timestamp, entry.Amount),
            OpportunityWon x => Enter(entry, x.To, x.At, timestamp, x.Amount),
            OpportunityLost x => Enter(entry, x.To, x.At, timestamp, entry.Amount),
            OpportunityReopened x => Enter(entry, x.To, x.At, timestamp, entry.Amount),
            OpportunityTransferred x => entry with { OwnerId = x.OwnerId, UpdatedAt = timestamp },
            OpportunityAmountSet x => entry with { Amount = x.Amount, UpdatedAt = timestamp },
            OpportunityLinesChanged x => entry with { Amount = x.Amount, UpdatedAt = timestamp },
            _ => entry,
        };
    }

    private static FunnelEntry Enter(FunnelEntry entry, StageSnapshot to, DateTimeOffset at, DateTimeOffset timestamp, Money amount) =>
        entry with { Stage = to, Amount = amount, UpdatedAt = timestamp, Stays = [.. entry.Stays, FunnelStay.Of(to, at)] };
}

/// <summary>Times as PostgreSQL keeps them (UTC, whole microseconds), so a row read back counts exactly as the one written.</summary>
internal static class FunnelTime
{
    public static DateTimeOffset Stored(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }
}
