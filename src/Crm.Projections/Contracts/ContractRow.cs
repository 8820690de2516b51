using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;

namespace Crm.Projections.Contracts;

/// <summary>A contract as lists and the detail view show it; one row of crm.contracts.</summary>
/// <param name="Status"><see cref="ApprovalStatus"/>' text.</param>
/// <param name="Lines">Folded from the events (time travel, a write's read-back); a row read from the table has none (crm.contract_lines has them).</param>
/// <param name="Plans">Folded from the events as <paramref name="Lines"/>; crm.payment_plans has them.</param>
public sealed record ContractRow(
    Guid Id,
    string Number,
    Guid CustomerId,
    Guid? OpportunityId,
    ContractFields Fields,
    Money Amount,
    bool AmountSetByHand,
    string Status,
    Guid? SubmissionId,
    long? ApprovedVersion,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? VoidedAt,
    string? VoidReason,
    Guid OwnerId,
    Guid? DepartmentId,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<OpportunityLine>? Lines = null,
    IReadOnlyList<PaymentPlanEntry>? Plans = null)
{
    /// <summary>The one fold of the contract read model, shared by the projection and time travel.</summary>
    public static ContractRow? Evolve(ContractRow? row, StoredEvent e)
    {
        if (e.Data is ContractCreated c)
            return new ContractRow(c.ContractId, c.Number, c.CustomerId, c.OpportunityId, c.Fields, c.Amount, c.AmountSetByHand, ApprovalStatus.Draft,
                null, null, null, null, null, c.OwnerId, null, e.Version, e.Timestamp, e.Timestamp, c.Lines, []);
        if (row is null || e.Data is ContractDeleted) return null;
        var next = e.Data switch
        {
            ContractEdited x => row with { Fields = row.Fields.Apply(x.Changes) },
            ContractLinesChanged x => row with { Lines = x.Lines, Amount = x.Amount },
            ContractAmountSet x => row with { Amount = x.Amount, AmountSetByHand = x.SetByHand },
            ContractSubmitted x => row with { Status = ApprovalStatus.Pending, SubmissionId = x.SubmissionId },
            ContractApproved x => row with { Status = ApprovalStatus.Approved, ApprovedVersion = x.ApprovedVersion, ApprovedAt = x.At },
            ContractRejected => row with { Status = ApprovalStatus.Rejected },
            ContractWithdrawn => row with { Status = ApprovalStatus.Draft },
            ContractVoided x => row with { Status = ApprovalStatus.Voided, VoidedAt = x.At, VoidReason = x.Reason },
            ContractTransferred x => row with { OwnerId = x.OwnerId },
            PaymentPlanAdded x when row.Plans is not null => row with { Plans = [.. row.Plans, x.Plan] },
            PaymentPlanChanged x when row.Plans is not null => row with { Plans = row.Plans.Select(p => p.PlanId == x.Plan.PlanId ? x.Plan : p).ToList() },
            PaymentPlanRemoved x when row.Plans is not null => row with { Plans = row.Plans.Where(p => p.PlanId != x.Previous.PlanId).ToList() },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }
}
