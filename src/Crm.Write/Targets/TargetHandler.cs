using Crm.Events;
using Crm.EventStore;
using Crm.Projections.Targets;

namespace Crm.Write.Targets;

/// <summary>
/// The target commands (SAL-7). A new target's key (subject, measure, period) is checked free, then locked and checked again inside
/// the append's transaction, so two requests for the same key cannot both pass (409 target_exists).
/// </summary>
public sealed class TargetHandler(CommandHandler handler, TargetQueries targets, TargetReach reach, TimeProvider clock)
{
    public async Task<CommandOutcome> SetAsync(Guid? targetId, TargetInput input, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = targetId ?? Guid.CreateVersion7();
        var (key, amount, invalid) = input.Validate();
        if (invalid is not null) return CommandOutcome.Refused(id, invalid);
        if (!await targets.SubjectExistsAsync(key!.SubjectKind, key.SubjectId, ct))
            return CommandOutcome.Refused(id, DomainError.Unprocessable("subjectId", "subject_unknown", $"No {key.SubjectKind} {key.SubjectId}."));
        if (!await reach.CoversAsync(caller, "target.edit", key, ct))
            return CommandOutcome.Refused(id, DomainError.Unprocessable("subjectId", "subject_out_of_scope",
                $"The {key.SubjectKind} is outside your target.edit data scope."));
        var guard = new AppendGuard([key.LockName], async (connection, tx, t) => !await targets.KeyTakenAsync(key, id, connection, tx, t));
        return await handler.CreateAsync(Target.Decider, id, async (state, t) =>
            Target.Decide(new SetTarget(id, key, amount!, await targets.KeyTakenAsync(key, id, ct: t), caller.ActorId), state, Context(request)),
            request, guard, targetId is null, ct);
    }

    public Task<CommandOutcome> ChangeAsync(ChangeTarget command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.TargetId, caller, request, s => Target.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> DeleteAsync(Guid id, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(id, caller, request, s => Target.Decide(new DeleteTarget(id), s, Context(request)), ct);

    private Task<CommandOutcome> Checked(Guid id, Caller caller, CommandRequest request, Func<TargetState, Decision> decide, CancellationToken ct) =>
        handler.HandleReachedAsync(Target.Decider, id, async (state, t) => await reach.CheckAsync(id, state, caller, "target.edit", t),
            (state, _) => ValueTask.FromResult(decide(state)), request, null, ct);

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}
