using Crm.Events.Approvals;

namespace Crm.Write.Approvals;

public sealed record CreateApprovalFlow(
    Guid FlowId, string? RecordKind, string? Name, IReadOnlyList<ApprovalStepInput>? Steps, bool Enabled, ApprovalFlowFacts Facts, Guid? EnabledOfKind);

/// <summary>Rename a flow and/or replace its steps (null: unchanged).</summary>
public sealed record ChangeApprovalFlow(Guid FlowId, string? Name, IReadOnlyList<ApprovalStepInput>? Steps, ApprovalFlowFacts Facts);

/// <param name="EnabledOfKind">The enabled flow of the kind as read (under the kind's lock at the append); null when none.</param>
public sealed record EnableApprovalFlow(Guid FlowId, Guid? EnabledOfKind);

public sealed record DisableApprovalFlow(Guid FlowId);

public sealed record DeleteApprovalFlow(Guid FlowId);

/// <summary>
/// The approval flow decider (SAL-4): one flow per stream; its stream version is the flow version submissions record. At most
/// one flow per record kind is enabled: enabling (or creating enabled) while another is enabled answers 409
/// <c>approval_flow_conflict</c> naming the flow in the way.
/// </summary>
public static class ApprovalFlow
{
    public const string StreamType = "approval-flow";

    public static Decider<ApprovalFlowState> Decider { get; } = new(StreamType, ApprovalFlowState.None, ApprovalFlowState.Evolve);

    public static Decision Decide(CreateApprovalFlow command, ApprovalFlowState state)
    {
        if (string.IsNullOrWhiteSpace(command.RecordKind))
            return DomainError.Invalid("recordKind", "record_kind_required", "recordKind names the record kind the flow approves (contract, payment, …).");
        if (!command.Facts.Kinds.Contains(command.RecordKind)) return ApprovalSubjects.UnknownKind(command.RecordKind, command.Facts.Kinds);
        var (name, badName) = ApprovalFlowInput.Name(command.Name);
        if (badName is not null) return badName;
        var (steps, badSteps) = ApprovalFlowInput.Steps(command.Steps, command.Facts);
        if (badSteps is not null) return badSteps;
        if (command.Enabled && command.EnabledOfKind is { } other && other != command.FlowId) return InTheWay(command.RecordKind, other);
        return Decision.Accept(new ApprovalFlowCreated(command.FlowId, command.RecordKind, name!, steps!, command.Enabled));
    }

    public static Decision Decide(ChangeApprovalFlow command, ApprovalFlowState state)
    {
        if (!state.Exists) return NotFound(command.FlowId);
        var name = state.Name;
        if (command.Name is not null)
        {
            var (given, badName) = ApprovalFlowInput.Name(command.Name);
            if (badName is not null) return badName;
            name = given!;
        }
        var steps = state.Steps;
        if (command.Steps is not null)
        {
            var (given, badSteps) = ApprovalFlowInput.Steps(command.Steps, command.Facts);
            if (badSteps is not null) return badSteps;
            steps = given!;
        }
        if (name == state.Name && steps.SequenceEqual(state.Steps)) return Decision.Nothing;
        return Decision.Accept(new ApprovalFlowChanged(state.Id, name, steps));
    }

    public static Decision Decide(EnableApprovalFlow command, ApprovalFlowState state)
    {
        if (!state.Exists) return NotFound(command.FlowId);
        if (state.Enabled) return Decision.Nothing;
        if (command.EnabledOfKind is { } other && other != state.Id) return InTheWay(state.RecordKind, other);
        return Decision.Accept(new ApprovalFlowEnabled(state.Id));
    }

    public static Decision Decide(DisableApprovalFlow command, ApprovalFlowState state) =>
        !state.Exists ? NotFound(command.FlowId) : state.Enabled ? Decision.Accept(new ApprovalFlowDisabled(state.Id)) : Decision.Nothing;

    /// <summary>Deleting a flow leaves pending submissions that follow it as they are: they carry their own steps.</summary>
    public static Decision Decide(DeleteApprovalFlow command, ApprovalFlowState state) =>
        state.Exists ? Decision.Accept(new ApprovalFlowDeleted(state.Id)) : NotFound(command.FlowId);

    public static DomainError NotFound(Guid id) => DomainError.NotFound("approval_flow_not_found", $"Approval flow {id} does not exist.");

    private static DomainError InTheWay(string kind, Guid other) => DomainError.Conflict("approval_flow_conflict",
        $"Flow {other} is already enabled for {kind}: disable it first (one enabled flow per record kind).", "enabled")
    with { Extensions = new Dictionary<string, object> { ["flowId"] = other } };
}
