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

    /// <summary>Approvers put into a step by reassignment: the step's rule counts them whatever roles they hold.</summary>
    public ImmutableHashSet<(int Step, Guid Approver)> Reassigned { get; init; } = [];

    /// <summary>Approvers a reassignment took out of a step: they still read the submission they were asked to approve.</summary>
    public ImmutableHashSet<Guid> Former { get; init; } = [];

    public bool Ended => Status != SubmissionStatus.Pending;

    /// <summary>Everyone a step names or named: with the submitter, who may read the submission.</summary>
    public bool Involves(Guid userId) => SubmittedBy == userId || Steps.Any(s => s.Approvers.Contains(userId)) || Former.Contains(userId);

    /// <summary>Has the approver acted on the step (approved it)?</summary>
    public bool Approved(int step, Guid approver) => Approvals.Contains((step, approver));

    public static ApprovalState Evolve(ApprovalState state, object @event) => @event switch
    {
        ApprovalSubmitted e => new ApprovalState(true, e.SubmissionId, e.RecordKind, e.RecordId, e.RecordVersion, e.ContentHash, e.Title, e.Steps,
            e.SubmittedBy, 0, [],
            SubmissionStatus.Pending),
        ApprovalStepStarted e => state with { CurrentStep = e.StepIndex },
        ApprovalStepApproved e => state with { Approvals = state.Approvals.Add((e.StepIndex, e.ApproverId)) },
        ApprovalApproverReassigned e => state with
        {
            Steps = state.Steps.Select(s => s.Index == e.StepIndex ? s with { Approvers = s.Approvers.Select(a => a == e.From ? e.To : a).ToList() } : s)
                .ToList(),
            Reassigned = state.Reassigned.Remove((e.StepIndex, e.From)).Add((e.StepIndex, e.To)),
            Former = state.Former.Add(e.From),
        },
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
