using Crm.Events;
using Crm.Events.Approvals;
using Crm.Write.Access;
using Crm.Write.Approvals;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Approvals;

public sealed class deciding_approvals
{
    private static readonly Guid Submission = Guid.CreateVersion7();
    private static readonly Guid Record = Guid.CreateVersion7();
    private static readonly Guid Flow = Guid.CreateVersion7();
    private static readonly Guid Rep = Guid.CreateVersion7();
    private static readonly Guid Boss = Guid.CreateVersion7();
    private static readonly Guid F1 = Guid.CreateVersion7();
    private static readonly Guid F2 = Guid.CreateVersion7();
    private static readonly Guid Gone = Guid.CreateVersion7();
    private static readonly Guid Finance = Guid.CreateVersion7();
    private static readonly Guid Empty = Guid.CreateVersion7();

    private static readonly OrgSnapshot Org = new(1,
        [
            new OrgUser(Rep, null, Boss, [], false, false), new OrgUser(Boss, null, null, [], false, false), new OrgUser(F1, null, null, [Finance], false, false),
            new OrgUser(F2, null, null, [Finance], false, false), new OrgUser(Gone, null, null, [Finance], false, true),
        ],
        [], [new OrgRole(Finance, [], DataScope.Self), new OrgRole(Empty, [], DataScope.Self)]);

    private static readonly IReadOnlyList<ApprovalStepRule> TwoSteps =
        [new("Manager", ApproverKinds.Superior, null, null, ApprovalModes.Any), new("Finance", ApproverKinds.Role, null, Finance, ApprovalModes.All)];

    private static ApprovalRecord Draft(string status = ApprovalStatus.Draft) =>
        new("contract", Record, 3, status, Rep, "HT-1 Deal", new Dictionary<string, string?> { ["name"] = "Deal", ["amount"] = "10 CNY" });

    private static ApprovalState Given(params object[] events) => Approval.Decider.Fold(Approval.Decider.Initial, events);

    private static object[] Submitted()
    {
        var decision = Approval.Decide(new SubmitRecord(Submission, Draft(), null, Flow, 7, TwoSteps, Rep, Org), As(Rep));
        Assert.Null(decision.Error);
        return [.. decision.Events];
    }

    private static ApproverStanding Standing(Guid user) => ApproverStanding.Of(user, Org);

    [Fact]
    public void a_submission_binds_to_the_version_after_the_records_submitted_event_and_fixes_its_approvers_now()
    {
        var events = Submitted();

        var submitted = Assert.IsType<ApprovalSubmitted>(events[0]);
        Assert.Equal((4L, Draft().ContentHash, Flow, 7L), (submitted.RecordVersion, submitted.ContentHash, submitted.FlowId, submitted.FlowVersion));
        Assert.Equal([Boss], submitted.Steps[0].Approvers);
        Assert.Equal(new[] { F1, F2 }.Order(), submitted.Steps[1].Approvers);
        var started = Assert.IsType<ApprovalStepStarted>(events[1]);
        Assert.Equal((0, "Manager", "HT-1 Deal"), (started.StepIndex, started.StepName, started.Title));
    }

    [Fact]
    public void without_a_flow_the_submission_is_completed_at_once()
    {
        var decision = Approval.Decide(new SubmitRecord(Submission, Draft(ApprovalStatus.Rejected), null, null, 0, [], Rep, Org), As(Rep));
        Assert.Null(decision.Error);
        Assert.Equal([typeof(ApprovalSubmitted), typeof(ApprovalCompleted)], decision.Events.Select(e => e.GetType()));
        Assert.Equal(4L, ((ApprovalCompleted)decision.Events[1]).ApprovedVersion);
    }

    [Fact]
    public void a_pending_approved_or_refused_record_or_a_step_naming_nobody_is_not_submitted()
    {
        ThenRefused(Approval.Decide(new SubmitRecord(Submission, Draft(ApprovalStatus.Pending), null, Flow, 1, TwoSteps, Rep, Org), As(Rep)),
            ErrorKind.Conflict, "approval_pending");
        ThenRefused(Approval.Decide(new SubmitRecord(Submission, Draft(ApprovalStatus.Approved), null, Flow, 1, TwoSteps, Rep, Org), As(Rep)),
            ErrorKind.Conflict, "already_approved");
        var voided = DomainError.Conflict("contract_voided", "voided");
        Assert.Same(voided, Approval.Decide(new SubmitRecord(Submission, Draft(ApprovalStatus.Voided), voided, Flow, 1, TwoSteps, Rep, Org), As(Rep)).Error);
        // The boss has no superior; a role nobody holds; a disabled named user.
        foreach (var (rules, submitter) in new (IReadOnlyList<ApprovalStepRule>, Guid)[]
                 {
                     (TwoSteps, Boss), ([new("R", ApproverKinds.Role, null, Empty, ApprovalModes.Any)], Rep),
                     ([new("U", ApproverKinds.User, Gone, null, ApprovalModes.Any)], Rep),
                 })
        {
            var missing = ThenRefused(Approval.Decide(new SubmitRecord(Submission, Draft(), null, Flow, 1, rules, submitter, Org), As(submitter)),
                ErrorKind.Conflict, "approver_missing");
            Assert.Equal(0, missing.Extensions["step"]);
        }
    }

    [Fact]
    public void any_completes_a_step_on_one_approval_and_all_needs_every_approver_then_the_submission_completes()
    {
        var afterBoss = Approval.Decide(new ApproveStep(Submission, Boss, " ok ", Standing(Boss)), Given(Submitted()), As(Boss));
        Assert.Equal([typeof(ApprovalStepApproved), typeof(ApprovalStepStarted)], afterBoss.Events.Select(e => e.GetType()));
        Assert.Equal("ok", ((ApprovalStepApproved)afterBoss.Events[0]).Comment);
        var history = Submitted().Concat(afterBoss.Events).ToArray();

        var first = Single<ApprovalStepApproved>(Approval.Decide(new ApproveStep(Submission, F1, null, Standing(F1)), Given(history), As(F1)));
        history = [.. history, first];
        ThenRefused(Approval.Decide(new ApproveStep(Submission, F1, null, Standing(F1)), Given(history), As(F1)), ErrorKind.Conflict, "already_approved_by_you");
        var last = Approval.Decide(new ApproveStep(Submission, F2, null, Standing(F2)), Given(history), As(F2));
        var completed = Assert.IsType<ApprovalCompleted>(last.Events[1]);
        Assert.Equal(4L, completed.ApprovedVersion);
        Assert.Equal(SubmissionStatus.Approved, Given([.. history, .. last.Events]).Status);
    }

    [Fact]
    public void only_a_current_approver_who_is_still_enabled_and_holds_the_role_acts()
    {
        var history = Submitted().Concat(Approval.Decide(new ApproveStep(Submission, Boss, null, Standing(Boss)), Given(Submitted()), As(Boss)).Events).ToArray();
        ThenRefused(Approval.Decide(new ApproveStep(Submission, Boss, null, Standing(Boss)), Given(history), As(Boss)), ErrorKind.Forbidden, "not_your_step");
        ThenRefused(Approval.Decide(new ApproveStep(Submission, F1, null, new ApproverStanding(true, [])), Given(history), As(F1)), ErrorKind.Forbidden,
            "not_your_step");
        ThenRefused(Approval.Decide(new RejectSubmission(Submission, F1, "No", new ApproverStanding(false, [Finance])), Given(history), As(F1)),
            ErrorKind.Forbidden, "not_your_step");
        ThenRefused(Approval.Decide(new ApproveStep(Submission, F1, null, Standing(F1)), ApprovalState.None, As(F1)), ErrorKind.NotFound, "approval_not_found");
    }

    [Fact]
    public void a_rejection_needs_a_reason_and_ends_the_submission_for_everyone()
    {
        var given = Given(Submitted());
        ThenRefused(Approval.Decide(new RejectSubmission(Submission, Boss, "  ", Standing(Boss)), given, As(Boss)), ErrorKind.Validation, "reason_required", "reason");
        ThenRefused(Approval.Decide(new RejectSubmission(Submission, Boss, new string('r', 1001), Standing(Boss)), given, As(Boss)), ErrorKind.Validation,
            "reason_too_long", "reason");
        ThenRefused(Approval.Decide(new ApproveStep(Submission, Boss, new string('c', 1001), Standing(Boss)), given, As(Boss)), ErrorKind.Validation,
            "comment_too_long", "comment");
        var rejected = Single<ApprovalRejected>(Approval.Decide(new RejectSubmission(Submission, Boss, " Too cheap ", Standing(Boss)), given, As(Boss)));
        Assert.Equal(("Too cheap", 0), (rejected.Reason, rejected.StepIndex));

        var ended = Given([.. Submitted(), rejected]);
        ThenRefused(Approval.Decide(new ApproveStep(Submission, Boss, null, Standing(Boss)), ended, As(Boss)), ErrorKind.Conflict, "approval_ended");
        ThenRefused(Approval.Decide(new WithdrawSubmission(Submission, Rep), ended, As(Rep)), ErrorKind.Conflict, "approval_ended");
    }

    [Fact]
    public void a_reassigned_approver_counts_on_a_role_step_without_the_role_and_the_replaced_one_no_longer_acts()
    {
        var history = Submitted().Concat(Approval.Decide(new ApproveStep(Submission, Boss, null, Standing(Boss)), Given(Submitted()), As(Boss)).Events)
            .ToArray();
        ThenRefused(Approval.Decide(new ApproveStep(Submission, F2, null, new ApproverStanding(false, [Finance])), Given(history), As(F2)), ErrorKind.Forbidden,
            "not_your_step");
        ThenRefused(Approval.Decide(new ReassignApprover(Submission, F2, Gone, "Left", Rep, Org.FindUser(Gone)), Given(history), As(Rep)),
            ErrorKind.Unprocessable, "user_unusable", "to");
        var reassigned = Single<ApprovalApproverReassigned>(
            Approval.Decide(new ReassignApprover(Submission, F2, Boss, " Left ", Rep, Org.FindUser(Boss)), Given(history), As(Rep)));
        Assert.Equal((1, F2, Boss, "Left", Rep), (reassigned.StepIndex, reassigned.From, reassigned.To, reassigned.Reason, reassigned.By));
        history = [.. history, reassigned];
        Assert.True(Given(history).Involves(F2));
        ThenRefused(Approval.Decide(new ApproveStep(Submission, F2, null, Standing(F2)), Given(history), As(F2)), ErrorKind.Forbidden, "not_your_step");
        var byBoss = Approval.Decide(new ApproveStep(Submission, Boss, null, Standing(Boss)), Given(history), As(Boss));
        history = [.. history, Single<ApprovalStepApproved>(byBoss)];
        var last = Approval.Decide(new ApproveStep(Submission, F1, null, Standing(F1)), Given(history), As(F1));
        Assert.IsType<ApprovalCompleted>(last.Events[^1]);
    }

    [Fact]
    public void nobody_approves_their_own_submission_whether_named_holding_the_role_or_reassigned_to()
    {
        // F1 submits: the Finance step names F2 only; a step naming F1 alone names nobody.
        var record = Draft() with { OwnerId = F1 };
        var submitted = Approval.Decide(new SubmitRecord(Submission, record, null, Flow, 7,
            [new("Finance", ApproverKinds.Role, null, Finance, ApprovalModes.Any)], F1, Org), As(F1));
        Assert.Equal([F2], Assert.IsType<ApprovalSubmitted>(submitted.Events[0]).Steps[0].Approvers);
        ThenRefused(Approval.Decide(new SubmitRecord(Submission, record, null, Flow, 7, [new("Self", ApproverKinds.User, F1, null, ApprovalModes.Any)], F1,
            Org), As(F1)), ErrorKind.Conflict, "approver_missing");

        var history = Submitted();
        ThenRefused(Approval.Decide(new ReassignApprover(Submission, Boss, Rep, "Away", F1, Org.FindUser(Rep)), Given(history), As(F1)),
            ErrorKind.Unprocessable, "submitter_cannot_approve", "to");
        // Nor does the administrator who reassigns name themselves.
        ThenRefused(Approval.Decide(new ReassignApprover(Submission, Boss, F1, "Away", F1, Org.FindUser(F1)), Given(history), As(F1)),
            ErrorKind.Unprocessable, "reassign_to_self", "to");
    }

    [Fact]
    public void only_the_submitter_withdraws_a_pending_submission()
    {
        ThenRefused(Approval.Decide(new WithdrawSubmission(Submission, Boss), Given(Submitted()), As(Boss)), ErrorKind.Forbidden, "not_submitter");
        var withdrawn = Single<ApprovalWithdrawn>(Approval.Decide(new WithdrawSubmission(Submission, Rep), Given(Submitted()), As(Rep)));
        Assert.Equal((Rep, Record), (withdrawn.By, withdrawn.RecordId));
        Assert.True(Given([.. Submitted(), withdrawn]).Ended);
    }
}
