using System.Collections.Immutable;
using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Contracts;

/// <summary>What the contract decider needs to know of one contract, folded from its stream (its whole lifecycle, plans included).</summary>
/// <param name="Status"><see cref="ApprovalStatus"/>' text.</param>
/// <param name="SubmissionId">The submission in progress or last ended; null before the first submission.</param>
/// <param name="ApprovedVersion">The stream version the approvers saw, once approved.</param>
public sealed record ContractState(
    bool Exists,
    Guid Id,
    string Number,
    Guid CustomerId,
    Guid? OpportunityId,
    ContractFields Fields,
    IReadOnlyList<OpportunityLine> Lines,
    Money Amount,
    bool AmountSetByHand,
    Guid OwnerId,
    string Status,
    Guid? SubmissionId,
    long? ApprovedVersion,
    ImmutableDictionary<Guid, string> Team,
    ImmutableList<PaymentPlanEntry> Plans)
{
    public static ContractState None { get; } = new(false, Guid.Empty, "", Guid.Empty, null, new ContractFields(""), [], Money.Zero("CNY"), false,
        Guid.Empty, ApprovalStatus.Draft, null, null, ImmutableDictionary<Guid, string>.Empty, []);

    /// <summary>Pending and approved contracts refuse changes of their approved fields (name, dates, signatory, lines, amount).</summary>
    public bool IsLocked => Status is ApprovalStatus.Pending or ApprovalStatus.Approved;

    public string Currency => Amount.Currency;

    public static ContractState Evolve(ContractState state, object @event) => @event switch
    {
        ContractCreated e => None with
        {
            Exists = true, Id = e.ContractId, Number = e.Number, CustomerId = e.CustomerId, OpportunityId = e.OpportunityId, Fields = e.Fields,
            Lines = e.Lines, Amount = e.Amount, AmountSetByHand = e.AmountSetByHand, OwnerId = e.OwnerId,
        },
        ContractEdited e => state with { Fields = state.Fields.Apply(e.Changes) },
        ContractLinesChanged e => state with { Lines = e.Lines, Amount = e.Amount },
        ContractAmountSet e => state with { Amount = e.Amount, AmountSetByHand = e.SetByHand },
        ContractSubmitted e => state with { Status = ApprovalStatus.Pending, SubmissionId = e.SubmissionId },
        ContractApproved e => state with { Status = ApprovalStatus.Approved, ApprovedVersion = e.ApprovedVersion },
        ContractRejected => state with { Status = ApprovalStatus.Rejected },
        ContractWithdrawn => state with { Status = ApprovalStatus.Draft },
        ContractVoided => state with { Status = ApprovalStatus.Voided },
        ContractTransferred e => state with { OwnerId = e.OwnerId },
        ContractTeamMemberAdded e => state with { Team = state.Team.SetItem(e.UserId, e.Access) },
        ContractTeamMemberAccessChanged e => state with { Team = state.Team.SetItem(e.UserId, e.Access) },
        ContractTeamMemberRemoved e => state with { Team = state.Team.Remove(e.UserId) },
        ContractDeleted => state with { Exists = false },
        PaymentPlanAdded e => state with { Plans = state.Plans.Add(e.Plan) },
        PaymentPlanChanged e => state with { Plans = state.Plans.Select(p => p.PlanId == e.Plan.PlanId ? e.Plan : p).ToImmutableList() },
        PaymentPlanRemoved e => state with { Plans = state.Plans.RemoveAll(p => p.PlanId == e.Previous.PlanId) },
        _ => state,
    };
}
