using Crm.Events.Approvals;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Approvals;

/// <summary>crm.approval_flows, inline with the flow stream: a submission right after a flow changed follows the change.</summary>
public sealed class ApprovalFlowsProjection() : TableProjection<ApprovalFlowRow>("crm.approval_flows", ApprovalFlowSql.Binder)
{
    public override string Name => "crm.approval_flows";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(ApprovalFlowCreated), typeof(ApprovalFlowChanged), typeof(ApprovalFlowEnabled), typeof(ApprovalFlowDisabled), typeof(ApprovalFlowDeleted),
    ];

    protected override ApprovalFlowRow? Evolve(ApprovalFlowRow? current, Guid key, StoredEvent e) => ApprovalFlowRow.Evolve(current, e);
}
