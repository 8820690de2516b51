using Crm.Events;
using Crm.Events.Approvals;
using Crm.EventStore;

namespace Crm.Projections.Approvals;

/// <summary>One approver's action on a step: approved (with an optional comment) or rejected (with the reason).</summary>
public sealed record ApprovalAction(Guid ApproverId, string Action, string? Comment, DateTimeOffset At);

/// <summary>An approver replaced on a step: who, by whom, why (approval.approver-reassigned).</summary>
public sealed record ApprovalReassignment(Guid From, Guid To, string Reason, Guid By, DateTimeOffset At);

/// <summary>
/// A step of a submission as the API shows it: the plan recorded at submission (approvers as reassigned since), what each approver did,
/// and the reassignments (null in rows written before reassignment existed: none).
/// </summary>
public sealed record ApprovalStepView(
    int Index, string Name, string ApproverKind, Guid? RoleId, string Mode, IReadOnlyList<Guid> Approvers, IReadOnlyList<ApprovalAction> Actions,
    IReadOnlyList<ApprovalReassignment>? Reassignments = null);

/// <summary>A submission as the API shows it; one row of crm.approvals, folded from the submission's stream alone.</summary>
public sealed record ApprovalRow(
    Guid Id, string RecordKind, Guid RecordId, long RecordVersion, string ContentHash, string Title, Guid? FlowId, long FlowVersion, Guid SubmittedBy,
    string Status, int? CurrentStep, IReadOnlyList<Guid> WaitingFor, IReadOnlyList<Guid> Participants, IReadOnlyList<ApprovalStepView> Steps,
    string? Reason, DateTimeOffset SubmittedAt, DateTimeOffset? EndedAt, long Version)
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> Statuses = [Pending, Approved, Rejected, Withdrawn];

    /// <summary>The record version approved, once approved.</summary>
    public long? ApprovedVersion => Status == Approved ? RecordVersion : null;

    public static ApprovalRow? Evolve(ApprovalRow? row, StoredEvent e)
    {
        if (e.Data is ApprovalSubmitted s)
        {
            var steps = s.Steps.Select(p => new ApprovalStepView(p.Index, p.Name, p.ApproverKind, p.RoleId, p.Mode, p.Approvers, [])).ToList();
            return new ApprovalRow(s.SubmissionId, s.RecordKind, s.RecordId, s.RecordVersion, s.ContentHash, s.Title, s.FlowId, s.FlowVersion, s.SubmittedBy,
                Pending, null, [], s.Steps.SelectMany(p => p.Approvers).Distinct().Order().ToList(), steps, null, s.At, null, e.Version);
        }
        if (row is null) return null;
        var next = e.Data switch
        {
            ApprovalStepStarted x => row with { CurrentStep = x.StepIndex, WaitingFor = x.Approvers.Distinct().Order().ToList() },
            ApprovalStepApproved x => Acted(row, x.StepIndex, new ApprovalAction(x.ApproverId, Approved, x.Comment, x.At))
                with { WaitingFor = row.WaitingFor.Where(a => a != x.ApproverId).ToList() },
            ApprovalRejected x => Ended(Acted(row, x.StepIndex, new ApprovalAction(x.ApproverId, Rejected, x.Reason, x.At)), Rejected, x.At)
                with { Reason = x.Reason },
            ApprovalApproverReassigned x => Reassigned(row, x),
            ApprovalWithdrawn x => Ended(row, Withdrawn, x.At),
            ApprovalCompleted x => Ended(row, Approved, x.At),
            _ => row,
        };
        return next with { Version = e.Version };
    }

    private static ApprovalRow Acted(ApprovalRow row, int step, ApprovalAction action) => row with
    {
        Steps = row.Steps.Select(s => s.Index == step ? s with { Actions = [.. s.Actions, action] } : s).ToList(),
    };

    // The step counts "to" instead of "from"; "from" stays a participant: they still read what they were asked to approve.
    private static ApprovalRow Reassigned(ApprovalRow row, ApprovalApproverReassigned x) => row with
    {
        Steps = row.Steps.Select(s => s.Index != x.StepIndex ? s : s with
        {
            Approvers = s.Approvers.Select(a => a == x.From ? x.To : a).ToList(),
            Reassignments = [.. s.Reassignments ?? [], new ApprovalReassignment(x.From, x.To, x.Reason, x.By, x.At)],
        }).ToList(),
        WaitingFor = row.WaitingFor.Select(a => a == x.From ? x.To : a).Distinct().Order().ToList(),
        Participants = row.Participants.Append(x.To).Distinct().Order().ToList(),
    };

    private static ApprovalRow Ended(ApprovalRow row, string status, DateTimeOffset at) =>
        row with { Status = status, EndedAt = at, CurrentStep = null, WaitingFor = [] };
}
