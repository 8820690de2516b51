using Crm.Events;
using Crm.Host.Platform;
using Crm.Projections.Approvals;
using Crm.Write.Approvals;

namespace Crm.Host.Approvals;

/// <summary>One step of a flow as sent. userId for a user step, roleId for a role step; the other is ignored.</summary>
/// <param name="Mode">any (one approval completes the step, 或签; the default) or all (every approver, 会签).</param>
public sealed record ApprovalStepRequest(
    [property: MustSend] string? Name, [property: MustSend, WireValues("user", "superior", "role")] string? ApproverKind, Guid? UserId, Guid? RoleId,
    [property: WireValues("any", "all")] string? Mode)
{
    public ApprovalStepInput ToInput() => new(Name, ApproverKind, UserId, RoleId, Mode);
}

/// <summary>A new approval flow for a record kind: 1 to 10 steps, in order.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks one otherwise.</param>
/// <param name="Enabled">Switch it on at once (409 approval_flow_conflict when another flow of the kind is on); default false.</param>
public sealed record CreateApprovalFlowRequest(
    Guid? Id, [property: MustSend] string? RecordKind, [property: MustSend] string? Name, [property: MustSend] IReadOnlyList<ApprovalStepRequest>? Steps,
    bool? Enabled);

/// <summary>Rename a flow and/or replace its steps (the whole list, in order); what is left out stays as it is.</summary>
public sealed record UpdateApprovalFlowRequest(string? Name, IReadOnlyList<ApprovalStepRequest>? Steps);

public sealed record ApprovalStepRuleResponse(
    string Name, [property: WireValues("user", "superior", "role")] string ApproverKind, Guid? UserId, Guid? RoleId,
    [property: WireValues("any", "all")] string Mode)
{
    public static ApprovalStepRuleResponse From(ApprovalStepRule r) => new(r.Name, r.ApproverKind, r.UserId, r.RoleId, r.Mode);
}

/// <summary>An approval flow; version is its flow version (what submissions record) and the ETag.</summary>
public sealed record ApprovalFlowResponse(
    Guid Id, string RecordKind, string Name, IReadOnlyList<ApprovalStepRuleResponse> Steps, bool Enabled, long Version, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ApprovalFlowResponse From(ApprovalFlowRow r) =>
        new(r.Id, r.RecordKind, r.Name, r.Steps.Select(ApprovalStepRuleResponse.From).ToList(), r.Enabled, r.Version, r.CreatedAt, r.UpdatedAt);
}

public sealed record ApprovalFlowListResponse(IReadOnlyList<ApprovalFlowResponse> Items);

/// <param name="Comment">Optional, at most 1000 characters.</param>
public sealed record ApproveRequest(string? Comment);

/// <param name="Reason">Why it is rejected: required, at most 1000 characters.</param>
public sealed record RejectRequest([property: MustSend] string? Reason);

/// <summary>Put <paramref name="To"/> in place of <paramref name="From"/> on the current step, for a reason.</summary>
/// <param name="From">An approver the current step still waits for.</param>
/// <param name="To">An enabled user the step does not name yet.</param>
/// <param name="Reason">Why (kept in the submission's history): required, at most 1000 characters.</param>
public sealed record ReassignRequest([property: MustSend] Guid? From, [property: MustSend] Guid? To, [property: MustSend] string? Reason);

/// <summary>An approver replaced on a step: who, by whom, when and why.</summary>
public sealed record ApprovalReassignmentResponse(Guid From, Guid To, string Reason, Guid By, DateTimeOffset At);

public sealed record ApprovalActionResponse(Guid ApproverId, [property: WireValues("approved", "rejected")] string Action, string? Comment, DateTimeOffset At);

/// <summary>
/// A step as the submission follows it: the approvers it named at submission (as reassigned since), what each did, and the
/// reassignments in order.
/// </summary>
public sealed record ApprovalStepResponse(
    int Index, string Name, [property: WireValues("user", "superior", "role")] string ApproverKind, Guid? RoleId,
    [property: WireValues("any", "all")] string Mode, IReadOnlyList<Guid> Approvers, IReadOnlyList<ApprovalActionResponse> Actions,
    IReadOnlyList<ApprovalReassignmentResponse> Reassignments)
{
    public static ApprovalStepResponse From(ApprovalStepView s) => new(s.Index, s.Name, s.ApproverKind, s.RoleId, s.Mode, s.Approvers,
        s.Actions.Select(a => new ApprovalActionResponse(a.ApproverId, a.Action, a.Comment, a.At)).ToList(),
        (s.Reassignments ?? []).Select(r => new ApprovalReassignmentResponse(r.From, r.To, r.Reason, r.By, r.At)).ToList());
}

/// <summary>
/// A submission: which version of which record (recordVersion, contentHash), the flow and flow version it follows, its steps and
/// each approver's action. waitingFor: the current step's approvers who have not acted yet. version is the ETag. fields (the single
/// submission's read only; null in lists): the record's approved fields as text at the submitted version — what the approvers approve,
/// shown to them even when the record itself is outside their data scope.
/// </summary>
public sealed record ApprovalResponse(
    Guid Id, string RecordKind, Guid RecordId, long RecordVersion, string ContentHash, string Title, Guid? FlowId, long FlowVersion, Guid SubmittedBy,
    [property: WireValues("pending", "approved", "rejected", "withdrawn")] string Status, int? CurrentStep, IReadOnlyList<Guid> WaitingFor,
    IReadOnlyList<ApprovalStepResponse> Steps, string? Reason, long? ApprovedVersion, DateTimeOffset SubmittedAt, DateTimeOffset? EndedAt, long Version,
    IReadOnlyDictionary<string, string?>? Fields = null)
{
    public static ApprovalResponse From(ApprovalRow r, IReadOnlyDictionary<string, string?>? fields = null) => new(r.Id, r.RecordKind, r.RecordId,
        r.RecordVersion, r.ContentHash, r.Title, r.FlowId, r.FlowVersion, r.SubmittedBy, r.Status, r.CurrentStep, r.WaitingFor,
        r.Steps.Select(ApprovalStepResponse.From).ToList(), r.Reason, r.ApprovedVersion, r.SubmittedAt, r.EndedAt, r.Version, fields);
}

public sealed record ApprovalListResponse(IReadOnlyList<ApprovalResponse> Items, string? NextCursor);

/// <summary>One approved field that differs now from the submitted version: its text then and now.</summary>
public sealed record ApprovalFieldDiff(string Field, string? Submitted, string? Now);

/// <summary>
/// A record's latest submission: the version submitted (and approved, once approved), the record's version and status now, and
/// the approved fields that differ between the submitted version and now (empty while the record is locked).
/// </summary>
public sealed record RecordApprovalResponse(
    string RecordKind, Guid RecordId, long RecordVersion, string RecordStatus, long SubmittedVersion, long? ApprovedVersion, string ContentHash,
    bool ContentUnchanged, IReadOnlyList<ApprovalFieldDiff> Diff, ApprovalResponse Submission);
