using Crm.Events.Approvals;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Approvals;

/// <summary>crm.approvals, inline with the submission stream: the approver's inbox shows a submission the moment it is made.</summary>
public sealed class ApprovalsProjection() : TableProjection<ApprovalRow>("crm.approvals", ApprovalSql.Binder)
{
    public override string Name => "crm.approvals";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(ApprovalSubmitted), typeof(ApprovalStepStarted), typeof(ApprovalStepApproved), typeof(ApprovalRejected), typeof(ApprovalWithdrawn),
        typeof(ApprovalCompleted), typeof(ApprovalApproverReassigned),
    ];

    protected override ApprovalRow? Evolve(ApprovalRow? current, Guid key, StoredEvent e) => ApprovalRow.Evolve(current, e);
}
