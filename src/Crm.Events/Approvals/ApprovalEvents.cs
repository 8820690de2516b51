namespace Crm.Events.Approvals;

// A submission (审批) is a stream of its own. It is bound to one version of one record: RecordVersion and ContentHash say
// exactly what was submitted, and the record's own stream gets its "submitted / approved / rejected / withdrawn" events in
// the same transaction as the submission's, at the version the submission names — a record can never be approved with
// fields nobody approved.

/// <summary>
/// A record was submitted for approval. <paramref name="RecordVersion"/> is the record's stream version right after its own
/// "submitted" event; <paramref name="ContentHash"/> the hash of its approved fields at that version (docs/approvals.md).
/// <paramref name="FlowId"/> and <paramref name="FlowVersion"/> name the flow followed (null and 0: no flow was enabled, and the
/// submission completes at once). <paramref name="Title"/> is how inboxes name the record ("HT-2026-000123 Big deal").
/// </summary>
public sealed record ApprovalSubmitted(
    Guid SubmissionId,
    string RecordKind,
    Guid RecordId,
    long RecordVersion,
    string ContentHash,
    string Title,
    Guid? FlowId,
    long FlowVersion,
    IReadOnlyList<ApprovalStepPlan> Steps,
    Guid SubmittedBy,
    DateTimeOffset At);

/// <summary>An approver approved the current step (<paramref name="StepIndex"/>).</summary>
public sealed record ApprovalStepApproved(Guid SubmissionId, int StepIndex, Guid ApproverId, string? Comment, DateTimeOffset At);

/// <summary>An approver rejected the submission at the current step, for a reason: the submission is over.</summary>
public sealed record ApprovalRejected(
    Guid SubmissionId, string RecordKind, Guid RecordId, int StepIndex, Guid ApproverId, string Reason, DateTimeOffset At);

/// <summary>The submitter withdrew the submission before it ended.</summary>
public sealed record ApprovalWithdrawn(Guid SubmissionId, string RecordKind, Guid RecordId, Guid By, DateTimeOffset At);

/// <summary>Every step approved: the record is approved at <paramref name="ApprovedVersion"/> (the submission's RecordVersion).</summary>
public sealed record ApprovalCompleted(Guid SubmissionId, string RecordKind, Guid RecordId, long ApprovedVersion, DateTimeOffset At);
