namespace Crm.Events.Approvals;

/// <summary>
/// A step of a submission began waiting for its approvers (the first right after <see cref="ApprovalSubmitted"/>, each next one
/// when the step before it completed). It names everything an inbox needs, so "waiting for me" and the approvers' notifications
/// are derived from this event alone. Added to the shared approval events by the approval engine (docs/approvals.md).
/// </summary>
public sealed record ApprovalStepStarted(
    Guid SubmissionId, string RecordKind, Guid RecordId, string Title, int StepIndex, string StepName, IReadOnlyList<Guid> Approvers, DateTimeOffset At);
