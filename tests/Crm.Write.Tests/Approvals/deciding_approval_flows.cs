using Crm.Events;
using Crm.Events.Approvals;
using Crm.Write.Access;
using Crm.Write.Approvals;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Approvals;

public sealed class deciding_approval_flows
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid User = Guid.CreateVersion7();
    private static readonly Guid Disabled = Guid.CreateVersion7();
    private static readonly Guid Role = Guid.CreateVersion7();
    private static readonly ApprovalFlowFacts Facts = new(["contract", "payment"], new Dictionary<Guid, bool> { [User] = true, [Disabled] = false },
        new HashSet<Guid> { Role });

    private static readonly ApprovalStepInput[] Steps =
        [new(" Manager ", ApproverKinds.Superior, User, null, null), new("Finance", ApproverKinds.Role, null, Role, ApprovalModes.All)];

    private static ApprovalFlowState Given(params object[] events) => ApprovalFlow.Decider.Fold(ApprovalFlow.Decider.Initial, events);

    private static CreateApprovalFlow Create(IReadOnlyList<ApprovalStepInput>? steps = null, string? kind = "contract", bool enabled = false, Guid? other = null) =>
        new(Id, kind, " Contracts ", steps ?? Steps, enabled, Facts, other);

    [Fact]
    public void a_flow_is_created_with_normalized_steps()
    {
        var created = Single<ApprovalFlowCreated>(ApprovalFlow.Decide(Create(), ApprovalFlowState.None));
        Assert.Equal(("Contracts", "contract", false), (created.Name, created.RecordKind, created.Enabled));
        Assert.Equal(new ApprovalStepRule("Manager", ApproverKinds.Superior, null, null, ApprovalModes.Any), created.Steps[0]);
        Assert.Equal(new ApprovalStepRule("Finance", ApproverKinds.Role, null, Role, ApprovalModes.All), created.Steps[1]);
    }

    [Fact]
    public void every_broken_step_is_named_at_once()
    {
        ApprovalStepInput[] broken =
        [
            new(null, "boss", null, null, "most"), new("U", ApproverKinds.User, null, null, null), new("R", ApproverKinds.Role, null, Guid.Empty, null),
        ];
        ThenInvalid(ApprovalFlow.Decide(Create(broken), ApprovalFlowState.None),
            ("steps[0].name", "step_name_required"), ("steps[0].approverKind", "approver_kind_invalid"), ("steps[0].mode", "mode_invalid"),
            ("steps[1].userId", "step_user_required"), ("steps[2].roleId", "step_role_required"));
        ThenRefused(ApprovalFlow.Decide(Create([]), ApprovalFlowState.None), ErrorKind.Validation, "steps_out_of_range", "steps");
        ThenRefused(ApprovalFlow.Decide(Create([new("U", ApproverKinds.User, Disabled, null, null)]), ApprovalFlowState.None), ErrorKind.Unprocessable,
            RecordAccess.UserUnusableCode, "steps[0].userId");
        ThenRefused(ApprovalFlow.Decide(Create([new("R", ApproverKinds.Role, null, Guid.CreateVersion7(), null)]), ApprovalFlowState.None),
            ErrorKind.Unprocessable, "role_unknown", "steps[0].roleId");
        ThenRefused(ApprovalFlow.Decide(Create(kind: "expense"), ApprovalFlowState.None), ErrorKind.Unprocessable, "record_kind_unknown", "recordKind");
        ThenRefused(ApprovalFlow.Decide(Create(kind: " "), ApprovalFlowState.None), ErrorKind.Validation, "record_kind_required", "recordKind");
    }

    [Fact]
    public void one_enabled_flow_per_kind()
    {
        var other = Guid.CreateVersion7();
        var conflict = ThenRefused(ApprovalFlow.Decide(Create(enabled: true, other: other), ApprovalFlowState.None), ErrorKind.Conflict,
            "approval_flow_conflict");
        Assert.Equal(other, conflict.Extensions["flowId"]);
        var created = ApprovalFlow.Decide(Create(), ApprovalFlowState.None).Events[0];
        ThenRefused(ApprovalFlow.Decide(new EnableApprovalFlow(Id, other), Given(created)), ErrorKind.Conflict, "approval_flow_conflict");
        ThenEvents(ApprovalFlow.Decide(new EnableApprovalFlow(Id, null), Given(created)), new ApprovalFlowEnabled(Id));
        ThenNothing(ApprovalFlow.Decide(new EnableApprovalFlow(Id, Id), Given(created, new ApprovalFlowEnabled(Id))));
        ThenNothing(ApprovalFlow.Decide(new DisableApprovalFlow(Id), Given(created)));
    }

    [Fact]
    public void a_change_replaces_only_what_is_sent_and_a_deleted_flow_is_gone()
    {
        var created = ApprovalFlow.Decide(Create(), ApprovalFlowState.None).Events[0];
        var changed = Single<ApprovalFlowChanged>(ApprovalFlow.Decide(new ChangeApprovalFlow(Id, "Renamed", null, Facts), Given(created)));
        Assert.Equal(("Renamed", 2), (changed.Name, changed.Steps.Count));
        ThenNothing(ApprovalFlow.Decide(new ChangeApprovalFlow(Id, "Contracts", null, Facts), Given(created)));
        var deleted = Given(created, new ApprovalFlowDeleted(Id));
        ThenRefused(ApprovalFlow.Decide(new ChangeApprovalFlow(Id, "X", null, Facts), deleted), ErrorKind.NotFound, "approval_flow_not_found");
        ThenRefused(ApprovalFlow.Decide(new EnableApprovalFlow(Id, null), deleted), ErrorKind.NotFound, "approval_flow_not_found");
        ThenRefused(ApprovalFlow.Decide(new DeleteApprovalFlow(Id), deleted), ErrorKind.NotFound, "approval_flow_not_found");
    }
}
