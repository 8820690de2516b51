using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;

namespace Crm.Projections.Opportunities;

/// <summary>An opportunity as lists and the detail view show it; one row of crm.opportunities.</summary>
/// <param name="Lines">Folded from the events (time travel, a write's read-back); a row read from the table has none (crm.opportunity_lines has them).</param>
public sealed record OpportunityRow(
    Guid Id,
    Guid CustomerId,
    OpportunityFields Fields,
    StageSnapshot Stage,
    Money Amount,
    bool AmountSetByHand,
    Guid OwnerId,
    Guid? DepartmentId,
    Guid? LeadId,
    DateTimeOffset? ClosedAt,
    string? LostReason,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<OpportunityLine>? Lines = null)
{
    /// <summary>amount × win rate / 100, rounded half away from zero to 2 places: what the funnel weighs the opportunity at.</summary>
    public decimal WeightedAmount => Math.Round(Amount.Amount * Stage.WinRate / 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>The one fold of the opportunity read model, shared by the projection and time travel.</summary>
    public static OpportunityRow? Evolve(OpportunityRow? row, StoredEvent e)
    {
        if (e.Data is OpportunityCreated c)
            return new OpportunityRow(c.OpportunityId, c.CustomerId, c.Fields, c.Stage, c.Amount, c.AmountSetByHand, c.OwnerId, null, c.LeadId, null, null,
                e.Version, e.Timestamp, e.Timestamp, c.Lines);
        if (row is null || e.Data is OpportunityDeleted) return null;
        var next = e.Data switch
        {
            OpportunityEdited x => row with { Fields = row.Fields.Apply(x.Changes) },
            OpportunityLinesChanged x => row with { Lines = x.Lines, Amount = x.Amount },
            OpportunityAmountSet x => row with { Amount = x.Amount, AmountSetByHand = x.SetByHand },
            OpportunityStageAdvanced x => row with { Stage = x.To },
            OpportunityWon x => row with { Stage = x.To, ClosedAt = x.At, LostReason = null },
            OpportunityLost x => row with { Stage = x.To, ClosedAt = x.At, LostReason = x.Reason },
            OpportunityReopened x => row with { Stage = x.To, ClosedAt = null, LostReason = null },
            OpportunityTransferred x => row with { OwnerId = x.OwnerId },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }
}
