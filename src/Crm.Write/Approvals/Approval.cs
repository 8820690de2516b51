using Crm.Events;
using Crm.Events.Approvals;
using Crm.Write.Access;

namespace Crm.Write.Approvals;

/// <summary>
/// A record submitted: the record as read (its version and content hash), whether its kind refuses it now
/// (<paramref name="Refusal"/>), the flow enabled for its kind (null: none, approved at once) and the submitter's org snapshot.
/// </summary>
public sealed record SubmitRecord(
    Guid SubmissionId, ApprovalRecord Record, DomainError? Refusal, Guid? FlowId, long FlowVersion, IReadOnlyList<ApprovalStepRule> Rules,
    Guid SubmittedBy, OrgSnapshot Org);

/// <summary>How an approver stands at the moment they act: still enabled, and the roles they hold now.</summary>
public sealed record ApproverStanding(bool Enabled, IReadOnlyCollection<Guid> RoleIds)
{
    public static ApproverStanding Of(Guid userId, OrgSnapshot org) => org.FindUser(userId) is { IsDisabled: false } user
        ? new ApproverStanding(true, user.RoleIds.Where(r => org.FindRole(r) is not null).ToList())
        : new ApproverStanding(false, []);
}

public sealed record ApproveStep(Guid SubmissionId, Guid ApproverId, string? Comment, ApproverStanding Standing);

public sealed record RejectSubmission(Guid SubmissionId, Guid ApproverId, string? Reason, ApproverStanding Standing);

public sealed record WithdrawSubmission(Guid SubmissionId, Guid By);

/// <summary>
/// An approvals administrator (<paramref name="By"/>) puts <paramref name="To"/> in place of <paramref name="From"/> on the current step.
/// <paramref name="ToUser"/> is <paramref name="To"/> as the org snapshot has them (null: unknown).
/// </summary>
public sealed record ReassignApprover(Guid SubmissionId, Guid? From, Guid? To, string? Reason, Guid By, OrgUser? ToUser);

/// <summary>
/// The approval decider (SAL-4): one submission per stream. Each action is checked against the step's rule at that moment: the
/// actor is among the approvers the step named at submission, still enabled, and for a role step still holds the role. "any"
/// completes a step on its first approval, "all" on its last; completing the last step completes the submission. The record's
/// own events (submitted, approved, rejected, withdrawn) are added by <see cref="ApprovalHandler"/> through its kind's subject.
/// </summary>
public static class Approval
{
    public const string StreamType = "approval";
    public const int MaxTextLength = 1000;

    public static Decider<ApprovalState> Decider { get; } = new(StreamType, ApprovalState.None, ApprovalState.Evolve);

    /// <summary>The submission's first events: submitted, then its first step waiting — or, with no flow, completed at once.</summary>
    public static Decision Decide(SubmitRecord command, CommandContext context)
    {
        var record = command.Record;
        if (command.Refusal is { } refused) return refused;
        if (record.Status == ApprovalStatus.Pending)
            return DomainError.Conflict("approval_pending", $"{record.Title} is already waiting for approval: withdraw it first to change it.");
        if (record.Status == ApprovalStatus.Approved) return DomainError.Conflict("already_approved", $"{record.Title} is approved already.");
        var (plans, missing) = ApproverResolution.Resolve(command.FlowId is null ? [] : command.Rules, command.SubmittedBy, command.Org);
        if (missing is not null) return missing;
        var submitted = new ApprovalSubmitted(command.SubmissionId, record.Kind, record.RecordId, record.Version + 1, record.ContentHash, record.Title,
            command.FlowId, command.FlowId is null ? 0 : command.FlowVersion, plans!, command.SubmittedBy, context.Now);
        return plans!.Count == 0
            ? Decision.Accept(submitted, new ApprovalCompleted(command.SubmissionId, record.Kind, record.RecordId, submitted.RecordVersion, context.Now))
            : Decision.Accept(submitted, Started(submitted, plans[0], context.Now));
    }

    public static Decision Decide(ApproveStep command, ApprovalState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.SubmissionId);
        if (command.Comment is { Length: > MaxTextLength })
            return DomainError.Invalid("comment", "comment_too_long", $"comment has at most {MaxTextLength} characters.");
        if (Acting(state, command.ApproverId, command.Standing) is { } refused) return refused;
        var step = state.Steps[state.CurrentStep];
        if (state.Approved(step.Index, command.ApproverId))
            return DomainError.Conflict("already_approved_by_you", $"You approved step {step.Index + 1} already; it waits for the other approvers.");
        var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        var approved = new ApprovalStepApproved(state.Id, step.Index, command.ApproverId, comment, context.Now);
        var done = step.Mode == ApprovalModes.Any || step.Approvers.All(a => a == command.ApproverId || state.Approved(step.Index, a));
        if (!done) return Decision.Accept(approved);
        if (step.Index + 1 < state.Steps.Count)
            return Decision.Accept(approved, new ApprovalStepStarted(state.Id, state.RecordKind, state.RecordId, state.Title, step.Index + 1,
                state.Steps[step.Index + 1].Name, state.Steps[step.Index + 1].Approvers, context.Now));
        return Decision.Accept(approved, new ApprovalCompleted(state.Id, state.RecordKind, state.RecordId, state.RecordVersion, context.Now));
    }

    public static Decision Decide(RejectSubmission command, ApprovalState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.SubmissionId);
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (reason is null) return DomainError.Invalid("reason", "reason_required", "reason says why the submission is rejected.");
        if (reason.Length > MaxTextLength) return DomainError.Invalid("reason", "reason_too_long", $"reason has at most {MaxTextLength} characters.");
        if (Acting(state, command.ApproverId, command.Standing) is { } refused) return refused;
        return Decision.Accept(new ApprovalRejected(state.Id, state.RecordKind, state.RecordId, state.CurrentStep, command.ApproverId, reason, context.Now));
    }

    public static Decision Decide(WithdrawSubmission command, ApprovalState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.SubmissionId);
        if (state.Ended) return Ended(state);
        if (command.By != state.SubmittedBy) return DomainError.Forbidden("not_submitter", "Only the submitter withdraws a submission.");
        return Decision.Accept(new ApprovalWithdrawn(state.Id, state.RecordKind, state.RecordId, command.By, context.Now));
    }

    /// <summary>
    /// Reassigns a waiting approver of the current step: <c>from</c> must be one the step still waits for, <c>to</c> an enabled user the step
    /// does not name yet. The step's rule then counts <c>to</c> instead (for a role step whatever roles <c>to</c> holds: an administrator
    /// named them). Nothing else changes: approvals already given stand, and the step completes only when its rule is met.
    /// </summary>
    public static Decision Decide(ReassignApprover command, ApprovalState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.SubmissionId);
        if (command.From is not { } from || from == Guid.Empty) return DomainError.Invalid("from", "from_required", "from names the approver to replace.");
        if (command.To is not { } to || to == Guid.Empty) return DomainError.Invalid("to", "to_required", "to names the user who approves instead.");
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (reason is null) return DomainError.Invalid("reason", "reason_required", "reason says why the approver is replaced (kept in the audit trail).");
        if (reason.Length > MaxTextLength) return DomainError.Invalid("reason", "reason_too_long", $"reason has at most {MaxTextLength} characters.");
        if (state.Ended) return Ended(state);
        var step = state.Steps[state.CurrentStep];
        if (!step.Approvers.Contains(from) || state.Approved(step.Index, from))
            return DomainError.Unprocessable("from", "approver_not_waiting", $"Step {step.Index + 1} ({step.Name}) is not waiting for user {from}.");
        if (command.ToUser is not { IsDisabled: false } || command.ToUser.Id != to)
            return DomainError.Unprocessable("to", Access.RecordAccess.UserUnusableCode, $"User {to} does not exist or is disabled.");
        if (step.Approvers.Contains(to))
            return DomainError.Unprocessable("to", "already_an_approver", $"User {to} is already an approver of step {step.Index + 1} ({step.Name}).");
        if (to == state.SubmittedBy)
            return DomainError.Unprocessable("to", "submitter_cannot_approve", "Nobody approves their own submission: choose another user.");
        // Reassigning is an administrator's repair, never a way to take an approval into one's own hands.
        if (to == command.By)
            return DomainError.Unprocessable("to", "reassign_to_self", "You cannot name yourself as the approver: choose another user.");
        return Decision.Accept(new ApprovalApproverReassigned(state.Id, state.RecordKind, state.RecordId, state.Title, step.Index, step.Name, from, to,
            reason, command.By, context.Now));
    }

    public static DomainError NotFound(Guid id) => DomainError.NotFound("approval_not_found",
        $"Submission {id} does not exist or is not yours to see (you neither submitted nor approve it, nor may you read its record).");

    private static DomainError? Acting(ApprovalState state, Guid actor, ApproverStanding standing)
    {
        if (state.Ended) return Ended(state);
        var step = state.Steps[state.CurrentStep];
        var mine = step.Approvers.Contains(actor) && standing.Enabled
                   && (step.ApproverKind != ApproverKinds.Role || state.Reassigned.Contains((step.Index, actor))
                       || step.RoleId is { } role && standing.RoleIds.Contains(role));
        return mine ? null : DomainError.Forbidden("not_your_step",
            $"Step {step.Index + 1} ({step.Name}) waits for its approvers as named at submission; you are not one of them now.");
    }

    private static DomainError Ended(ApprovalState state) =>
        DomainError.Conflict("approval_ended", $"The submission is {state.Status}: nothing more can be done to it.");

    private static ApprovalStepStarted Started(ApprovalSubmitted submitted, ApprovalStepPlan step, DateTimeOffset at) =>
        new(submitted.SubmissionId, submitted.RecordKind, submitted.RecordId, submitted.Title, step.Index, step.Name, step.Approvers, at);
}
