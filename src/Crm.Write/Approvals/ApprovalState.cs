using System.Collections.Immutable;
using Crm.Events;
using Crm.Events.Approvals;

namespace Crm.Write.Approvals;

/// <summary>
/// One submission as the approval decider knows it, folded from the submission's own stream: the steps as planned at submission,
/// who approved which step, the step waiting now, and whether it ended.
/// </summary>
/// <param name="Status"><see cref="SubmissionStatus"/>' text.</param>
public sealed record ApprovalState(
    bool Exists,
    Guid Id,
    string RecordKind,
    Guid RecordId,
    long RecordVersion,
    string ContentHash,
    string Title,
    IReadOnlyList<ApprovalStepPlan> Steps,
    Guid SubmittedBy,
    int CurrentStep,
    ImmutableHashSet<(int Step, Guid Approver)> Approvals,
    string Status)
{
    public static ApprovalState None { get; } = new(false, Guid.Empty, "", Guid.Empty, 0, "", "", [], Guid.Empty, 0, [], SubmissionStatus.Pending);

    public bool Ended => Status != SubmissionStatus.Pending;

    /// <summary>Everyone a step names (as of submission): with the submitter, who may read the submission.</summary>
    public bool Involves(Guid userId) => SubmittedBy == userId || Steps.Any(s => s.Approvers.Contains(userId));

    public static ApprovalState Evolve(ApprovalState state, object @event) => @event switch
    {
        ApprovalSubmitted e => new ApprovalState(true, e.SubmissionId, e.RecordKind, e.RecordId, e.RecordVersion, e.ContentHash, e.Title, e.Steps,
            e.SubmittedBy, 0, [],
            SubmissionStatus.Pending),
        ApprovalStepStarted e => state with { CurrentStep = e.StepIndex },
        ApprovalStepApproved e => state with { Approvals = state.Approvals.Add((e.StepIndex, e.ApproverId)) },
        ApprovalRejected => state with { Status = SubmissionStatus.Rejected },
        ApprovalWithdrawn => state with { Status = SubmissionStatus.Withdrawn },
        ApprovalCompleted => state with { Status = SubmissionStatus.Approved },
        _ => state,
    };
}

/// <summary>Where a submission stands: pending until approved (every step), rejected (by one approver) or withdrawn (by the submitter).</summary>
public static class SubmissionStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";
}
