using System.Collections.Immutable;
using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Opportunities;

/// <summary>What the opportunity decider needs to know of one opportunity, folded from its stream.</summary>
/// <param name="LastOpenStage">The last open stage it was at: where a reopen goes by default.</param>
public sealed record OpportunityState(
    bool Exists,
    Guid Id,
    Guid CustomerId,
    OpportunityFields Fields,
    IReadOnlyList<OpportunityLine> Lines,
    Money Amount,
    bool AmountSetByHand,
    Guid OwnerId,
    StageSnapshot Stage,
    StageSnapshot? LastOpenStage,
    ImmutableDictionary<Guid, string> Team)
{
    public static OpportunityState None { get; } = new(false, Guid.Empty, Guid.Empty, new OpportunityFields(""), [], Money.Zero("CNY"), false,
        Guid.Empty, new StageSnapshot(Guid.Empty, Guid.Empty, "", 0m, StageOutcome.Open), null, ImmutableDictionary<Guid, string>.Empty);

    public bool IsClosed => Stage.Outcome != StageOutcome.Open;

    public string Currency => Amount.Currency;

    public static OpportunityState Evolve(OpportunityState state, object @event) => @event switch
    {
        OpportunityCreated e => None with
        {
            Exists = true, Id = e.OpportunityId, CustomerId = e.CustomerId, Fields = e.Fields, Lines = e.Lines, Amount = e.Amount,
            AmountSetByHand = e.AmountSetByHand, OwnerId = e.OwnerId, Stage = e.Stage, LastOpenStage = e.Stage,
        },
        OpportunityEdited e => state with { Fields = state.Fields.Apply(e.Changes) },
        OpportunityLinesChanged e => state with { Lines = e.Lines, Amount = e.Amount },
        OpportunityAmountSet e => state with { Amount = e.Amount, AmountSetByHand = e.SetByHand },
        OpportunityStageAdvanced e => state with { Stage = e.To, LastOpenStage = e.To },
        OpportunityWon e => state with { Stage = e.To },
        OpportunityLost e => state with { Stage = e.To },
        OpportunityReopened e => state with { Stage = e.To, LastOpenStage = e.To },
        OpportunityTransferred e => state with { OwnerId = e.OwnerId },
        OpportunityTeamMemberAdded e => state with { Team = state.Team.SetItem(e.UserId, e.Access) },
        OpportunityTeamMemberAccessChanged e => state with { Team = state.Team.SetItem(e.UserId, e.Access) },
        OpportunityTeamMemberRemoved e => state with { Team = state.Team.Remove(e.UserId) },
        OpportunityDeleted => state with { Exists = false },
        _ => state,
    };
}
