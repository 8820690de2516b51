namespace Crm.Events.Approvals;

// Approval flows (审批流, SAL-4): per record kind ("contract", "payment", "invoice", …), ordered steps. A flow's stream
// version is its "flow version": a submission records the version it follows, so changing a flow affects only later
// submissions. At most one flow per record kind is enabled at a time.

/// <summary>A flow was configured for <paramref name="RecordKind"/>.</summary>
public sealed record ApprovalFlowCreated(Guid FlowId, string RecordKind, string Name, IReadOnlyList<ApprovalStepRule> Steps, bool Enabled);

/// <summary>The flow's name or steps changed (later submissions follow the new steps).</summary>
public sealed record ApprovalFlowChanged(Guid FlowId, string Name, IReadOnlyList<ApprovalStepRule> Steps);

/// <summary>The flow was switched on: submissions of its record kind follow it.</summary>
public sealed record ApprovalFlowEnabled(Guid FlowId);

/// <summary>The flow was switched off.</summary>
public sealed record ApprovalFlowDisabled(Guid FlowId);

/// <summary>The flow was deleted; submissions that followed it keep their steps.</summary>
public sealed record ApprovalFlowDeleted(Guid FlowId);
