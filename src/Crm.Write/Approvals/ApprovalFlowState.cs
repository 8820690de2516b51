using Crm.Events;
using Crm.Events.Approvals;

namespace Crm.Write.Approvals;

/// <summary>What the flow decider needs to know of one approval flow, folded from its stream.</summary>
public sealed record ApprovalFlowState(bool Exists, Guid Id, string RecordKind, string Name, IReadOnlyList<ApprovalStepRule> Steps, bool Enabled)
{
    public static ApprovalFlowState None { get; } = new(false, Guid.Empty, "", "", [], false);

    public static ApprovalFlowState Evolve(ApprovalFlowState state, object @event) => @event switch
    {
        ApprovalFlowCreated e => new ApprovalFlowState(true, e.FlowId, e.RecordKind, e.Name, e.Steps, e.Enabled),
        ApprovalFlowChanged e => state with { Name = e.Name, Steps = e.Steps },
        ApprovalFlowEnabled => state with { Enabled = true },
        ApprovalFlowDisabled => state with { Enabled = false },
        ApprovalFlowDeleted => state with { Exists = false, Enabled = false },
        _ => state,
    };
}
