namespace Crm.Events.Approvals;

/// <summary>
/// A step of a submission began waiting for its approvers (the first right after <see cref="ApprovalSubmitted"/>, each next one
/// when the step before it completed). It names everything an inbox needs, so "waiting for me" and the approvers' notifications
/// are derived from this event alone. Added to the shared approval events by the approval engine (docs/approvals.md).
/// </summary>
public sealed record ApprovalStepStarted(
    Guid SubmissionId, string RecordKind, Guid RecordId, string Title, int StepIndex, string StepName, IReadOnlyList<Guid> Approvers, DateTimeOffset At);

/// <summary>
/// An approvals administrator put <paramref name="To"/> in place of <paramref name="From"/>, an approver the current step still waited
/// for (disabled, gone, away), for a reason: the step's rule counts <paramref name="To"/> from now on, so a countersign step cannot stall
/// on someone who will never act. It names what the new approver's inbox needs, as <see cref="ApprovalStepStarted"/> does.
/// </summary>
public sealed record ApprovalApproverReassigned(
    Guid SubmissionId, string RecordKind, Guid RecordId, string Title, int StepIndex, string StepName, Guid From, Guid To, string Reason, Guid By,
    DateTimeOffset At);
