using Crm.EventStore;
using Crm.Projections.Approvals;
using Crm.Projections.Org;

namespace Crm.Write.Approvals;

/// <summary>A new flow as the caller asks for it; <paramref name="FlowId"/> is the client's choice when not null.</summary>
public sealed record AddApprovalFlow(Guid? FlowId, string? RecordKind, string? Name, IReadOnlyList<ApprovalStepInput>? Steps, bool Enabled);

/// <summary>Rename a flow and/or replace its steps (null: unchanged).</summary>
public sealed record EditApprovalFlow(Guid FlowId, string? Name, IReadOnlyList<ApprovalStepInput>? Steps);

/// <summary>
/// The approval flow commands (SAL-4), for callers holding approval-flow.edit (flows are shared: no data scope). The users and
/// roles the steps name are looked up first; "one enabled flow per record kind" is read, then locked (an advisory lock on the
/// kind) and read again inside the append's transaction, so two concurrent enables cannot both win.
/// </summary>
public sealed class ApprovalFlowHandler(CommandHandler handler, ApprovalSubjects subjects, ApprovalFlowQueries flows, UserQueries users)
{
    public async Task<CommandOutcome> CreateAsync(AddApprovalFlow command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.FlowId ?? Guid.CreateVersion7();
        var facts = await FactsAsync(command.Steps, caller, ct);
        var kind = command.RecordKind ?? "";
        Guid? seen = null;
        return await handler.CreateAsync(ApprovalFlow.Decider, id, async (state, t) =>
        {
            seen = command.Enabled && subjects.Find(kind) is not null ? (await flows.EnabledAsync(kind, t))?.Id : null;
            return ApprovalFlow.Decide(new CreateApprovalFlow(id, command.RecordKind, command.Name, command.Steps, command.Enabled, facts, seen), state);
        }, request, command.Enabled ? OneEnabled(kind, () => seen) : null, ct);
    }

    public async Task<CommandOutcome> EditAsync(EditApprovalFlow command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var change = new ChangeApprovalFlow(command.FlowId, command.Name, command.Steps, await FactsAsync(command.Steps, caller, ct));
        return await handler.HandleAsync(ApprovalFlow.Decider, command.FlowId, (state, _, _) => ValueTask.FromResult(ApprovalFlow.Decide(change, state)),
            request, ct);
    }

    public Task<CommandOutcome> EnableAsync(Guid id, CommandRequest request, CancellationToken ct)
    {
        Guid? seen = null;
        var kind = "";
        // The kind is known once the stream is loaded; the guard reads it then (a flow's kind never changes).
        return handler.HandleAsync(ApprovalFlow.Decider, id, async (state, _, t) =>
        {
            kind = state.RecordKind;
            seen = state.Exists ? (await flows.EnabledAsync(state.RecordKind, t))?.Id : null;
            return ApprovalFlow.Decide(new EnableApprovalFlow(id, seen), state);
        }, request, new AppendGuard([], async (connection, tx, t) => await LockedStillAsync(kind, seen, connection, tx, t)), ct);
    }

    public Task<CommandOutcome> DisableAsync(Guid id, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(ApprovalFlow.Decider, id, (state, _, _) => ValueTask.FromResult(ApprovalFlow.Decide(new DisableApprovalFlow(id), state)),
            request, ct);

    public Task<CommandOutcome> DeleteAsync(Guid id, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(ApprovalFlow.Decider, id, (state, _, _) => ValueTask.FromResult(ApprovalFlow.Decide(new DeleteApprovalFlow(id), state)),
            request, ct);

    /// <summary>The kind's lock, then the enabled flow of the kind read again: unchanged since the decision, or the command decides again.</summary>
    private static AppendGuard OneEnabled(string kind, Func<Guid?> seen) =>
        new([LockName(kind)], async (connection, tx, t) => await ApprovalFlowQueries.EnabledIdAsync(kind, connection, tx, t) == seen());

    // A guard's lock names are fixed when it is built, and the enable's kind is only known after the load: it locks here itself.
    private static async Task<bool> LockedStillAsync(string kind, Guid? seen, Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction tx,
        CancellationToken ct)
    {
        if (kind.Length == 0) return true;
        await ApprovalFlowQueries.LockKindAsync(LockName(kind), connection, tx, ct);
        return await ApprovalFlowQueries.EnabledIdAsync(kind, connection, tx, ct) == seen;
    }

    public static string LockName(string kind) => "approval-flow:" + kind;

    private async Task<ApprovalFlowFacts> FactsAsync(IReadOnlyList<ApprovalStepInput>? steps, Caller caller, CancellationToken ct)
    {
        var enabled = new Dictionary<Guid, bool>();
        foreach (var id in ApprovalFlowInput.UserIds(steps))
        {
            if (await users.GetAsync(id, ct) is { } user) enabled[id] = !user.IsDisabled;
        }
        var roles = ApprovalFlowInput.RoleIds(steps).Where(r => caller.Snapshot.FindRole(r) is not null).ToHashSet();
        return new ApprovalFlowFacts(subjects.Kinds, enabled, roles);
    }
}
