namespace Crm.Write.Tasks;

/// <summary>
/// Subtasks and comments. Ticking a subtask off (or reopening it) and commenting are open to participants; adding, renaming, removing
/// and reordering subtasks change the task and are not. Only a comment's author edits or deletes it (the decider's rule).
/// </summary>
public sealed partial class TaskHandler
{
    public Task<CommandOutcome> AddSubtaskAsync(AddSubtask command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", Access.TeamNeed.ReadWrite, caller, request, s => WorkTask.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> RenameSubtaskAsync(RenameSubtask command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", Access.TeamNeed.ReadWrite, caller, request, s => WorkTask.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> RemoveSubtaskAsync(RemoveSubtask command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", Access.TeamNeed.ReadWrite, caller, request, s => WorkTask.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> ReorderSubtasksAsync(ReorderSubtasks command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", Access.TeamNeed.ReadWrite, caller, request, s => WorkTask.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> CompleteSubtaskAsync(CompleteSubtask command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", Access.TeamNeed.Read, caller, request, s => WorkTask.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> ReopenSubtaskAsync(ReopenSubtask command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", Access.TeamNeed.Read, caller, request, s => WorkTask.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> AddCommentAsync(AddComment command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", Access.TeamNeed.Read, caller, request, async (s, t) =>
            await MentionsRefusal(command.Mentions, s, caller, t) is { } bad ? bad : WorkTask.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> EditCommentAsync(EditComment command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", Access.TeamNeed.Read, caller, request, async (s, t) =>
            await MentionsRefusal(command.Mentions, s, caller, t) is { } bad ? bad : WorkTask.Decide(command, s, Context(request)), ct);

    /// <summary>
    /// Each mentioned user is an enabled user who sees the task (its owner, a participant, or one whose data scope reaches the owner,
    /// with task.detail): a mention neither grants the task nor notifies someone who could not open it (422 mention_cannot_see). What
    /// it tells the caller — that a colleague cannot see a task the caller sees — is the organisation's structure, not a record.
    /// </summary>
    private async Task<DomainError?> MentionsRefusal(IReadOnlyList<Guid>? mentions, TaskState state, Caller caller, CancellationToken ct)
    {
        var list = mentions ?? [];
        if (list.Distinct().Count() > WorkTask.MaxMentions || !state.Exists) return null; // the decider names these
        foreach (var (id, i) in Access.Receivers.Once(list))
        {
            var field = $"mentions[{i}]";
            if (await receivers.CheckAsync(id, field, Access.OwnerScope.All, ct) is { } bad) return bad;
            if (TaskReach.Check(state.Id, state, new Caller(id, caller.Snapshot), "task.detail", Access.TeamNeed.Read) is not null)
                return DomainError.Unprocessable(field, "mention_cannot_see", $"User {id} cannot see this task, so cannot be mentioned on it.");
        }
        return null;
    }

    public Task<CommandOutcome> DeleteCommentAsync(DeleteComment command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", Access.TeamNeed.Read, caller, request, s => WorkTask.Decide(command, s, Context(request)), ct);
}
