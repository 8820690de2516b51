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
        Reached(command.TaskId, "task.edit", Access.TeamNeed.Read, caller, request, s => WorkTask.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> EditCommentAsync(EditComment command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", Access.TeamNeed.Read, caller, request, s => WorkTask.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> DeleteCommentAsync(DeleteComment command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.TaskId, "task.edit", Access.TeamNeed.Read, caller, request, s => WorkTask.Decide(command, s, Context(request)), ct);
}
