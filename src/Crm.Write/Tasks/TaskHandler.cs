using Crm.Events;
using Crm.Projections.Tasks;
using Crm.Write.Access;

namespace Crm.Write.Tasks;

/// <summary>A new task as the caller asks for it; the owner is the caller unless named.</summary>
public sealed record NewTask(Guid? TaskId, TaskInput Fields, Guid? OwnerId, IReadOnlyList<Guid>? ParticipantIds, IReadOnlyList<RelatedRecord>? Related);

/// <summary>A change as the caller asks for it: null leaves a part as is; <paramref name="Related"/> is the list of links the caller sees.</summary>
public sealed record ChangeTask(Guid TaskId, TaskInput Fields, Guid? OwnerId, IReadOnlyList<Guid>? ParticipantIds, IReadOnlyList<RelatedRecord>? Related);

/// <summary>A workbench move of a task into a bucket (<see cref="WorkbenchBuckets"/>).</summary>
public sealed record MoveTaskTo(Guid TaskId, string? Bucket);

/// <summary>
/// The task commands (WORK-1): gather the facts (the owner, participants and related records the caller names), apply the caller's
/// reach to the task as its stream has it (<see cref="TaskReach"/>), decide, append.
/// </summary>
public sealed partial class TaskHandler(
    CommandHandler handler, Receivers receivers, RelatedRecords related, TimeProvider clock, Crm.Projections.Org.UserQueries users)
{
    public Task<CommandOutcome> CreateAsync(NewTask command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.TaskId ?? Guid.CreateVersion7();
        return handler.CreateAsync(WorkTask.Decider, id, async (state, t) =>
        {
            var owner = command.OwnerId ?? caller.ActorId;
            if (owner != caller.ActorId && await receivers.CheckAsync(owner, "ownerId", caller.VisibleOwners("task.create"), t) is { } badOwner)
                return badOwner;
            if (await ParticipantsRefusal(command.ParticipantIds, t) is { } badParticipant) return badParticipant;
            var links = command.Related ?? [];
            if (await related.For(caller).CheckAsync(links, t) is { } badLink) return badLink;
            return WorkTask.Decide(new CreateTask(id, command.Fields, owner, command.ParticipantIds ?? [], links), state, Context(request));
        }, request, guard: null, freshId: command.TaskId is null, ct);
    }

    /// <summary>
    /// Fields, owner, participants and links; participants are refused (403 team_read_only). The links the caller cannot see stay:
    /// they can neither name nor remove what they do not see.
    /// </summary>
    public Task<CommandOutcome> EditAsync(ChangeTask command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", TeamNeed.ReadWrite, caller, request, async (state, t) =>
        {
            if (command.OwnerId is { } owner && owner != state.OwnerId
                && await receivers.CheckAsync(owner, "ownerId", caller.VisibleOwners("task.edit"), t) is { } badOwner)
                return badOwner;
            if (await ParticipantsRefusal(command.ParticipantIds, t) is { } badParticipant) return badParticipant;
            var (links, badLink) = await related.For(caller).ReplaceAsync(command.Related, state.Related, t);
            if (badLink is not null) return badLink;
            return WorkTask.Decide(new EditTask(command.TaskId, command.Fields, command.OwnerId, command.ParticipantIds, links), state,
                Context(request));
        }, ct);

    public Task<CommandOutcome> CompleteAsync(CompleteTask command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", TeamNeed.Read, caller, request, state => WorkTask.Decide(command, state, Context(request)), ct);

    public Task<CommandOutcome> ReopenAsync(ReopenTask command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", TeamNeed.Read, caller, request, state => WorkTask.Decide(command, state, Context(request)), ct);

    public Task<CommandOutcome> ArchiveAsync(ArchiveTask command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.delete", TeamNeed.ReadWrite, caller, request, state => WorkTask.Decide(command, state, Context(request)), ct);

    /// <summary>
    /// A move into done completes the task (what a participant may do); any other bucket sets its due time (the owner's side), by the
    /// days of the caller's time zone: the workbench they moved it on.
    /// </summary>
    public Task<CommandOutcome> MoveAsync(MoveTaskTo command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        if (command.Bucket is not { } bucket || !WorkbenchBuckets.All.Contains(bucket) || bucket == WorkbenchBuckets.Overdue)
        {
            return Task.FromResult(CommandOutcome.Refused(command.TaskId, DomainError.Invalid("bucket", "bucket_invalid",
                "bucket is one of inbox, today, next, later, done (a task becomes overdue by itself).")));
        }
        var done = bucket == WorkbenchBuckets.Done;
        return Reached(command.TaskId, "task.edit", done ? TeamNeed.Read : TeamNeed.ReadWrite, caller, request, async (state, t) =>
        {
            var context = Context(request);
            var due = done
                ? state.Fields.DueAt
                : WorkbenchBuckets.DueFor(bucket, WorkbenchBuckets.At(context.Now, await users.TimeZoneOfAsync(caller.ActorId, t)));
            return WorkTask.Decide(new MoveTask(command.TaskId, due, done), state, context);
        }, ct);
    }

    /// <summary>
    /// The hand-over's move of one task (ORG-3): no caller's reach applies (the hand-over itself was checked), and the task moves only
    /// while it is still the leaver's and open (someone may have moved or completed it since the list was read).
    /// </summary>
    public Task<CommandOutcome> HandOverAsync(Guid taskId, Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(WorkTask.Decider, taskId, (state, _, _) => ValueTask.FromResult(
            state.Exists && !state.Archived && !state.Completed && state.OwnerId == fromUserId
                ? WorkTask.Decide(new EditTask(taskId, new TaskInput(), toUserId), state, Context(request))
                : Decision.Nothing), request, ct);

    private async Task<DomainError?> ParticipantsRefusal(IReadOnlyList<Guid>? participants, CancellationToken ct)
    {
        var list = participants ?? [];
        if (list.Distinct().Count() > WorkTask.MaxParticipants) return null; // the decider names the count
        foreach (var (id, i) in Receivers.Once(list))
        {
            if (await receivers.CheckAsync(id, $"participantIds[{i}]", OwnerScope.All, ct) is { } bad) return bad;
        }
        return null;
    }

    private Task<CommandOutcome> Reached(Guid id, string permission, TeamNeed team, Caller caller, CommandRequest request,
        Func<TaskState, Decision> decide, CancellationToken ct) =>
        Reached(id, permission, team, caller, request, (state, _) => Task.FromResult(decide(state)), ct);

    /// <summary>The caller's reach on the task as its stream has it first, then If-Match, then the facts and the decider.</summary>
    private Task<CommandOutcome> Reached(Guid id, string permission, TeamNeed team, Caller caller, CommandRequest request,
        Func<TaskState, CancellationToken, Task<Decision>> decide, CancellationToken ct) =>
        handler.HandleReachedAsync(WorkTask.Decider, id, (state, _) => ValueTask.FromResult(TaskReach.Check(id, state, caller, permission, team)),
            async (state, t) => await decide(state, t), request, null, ct);

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}
