using Crm.Events.Tasks;

namespace Crm.Write.Tasks;

/// <summary>Subtasks: an ordered checklist inside the task's stream, each change its own event.</summary>
public static partial class WorkTask
{
    public const int MaxSubtasks = 100;
    public const int SubtaskTitleLength = 200;

    public static Decision Decide(AddSubtask command, TaskState state, CommandContext context)
    {
        if (Open(state, command.TaskId) is { } refused) return refused;
        if (Title(command.Title) is var (title, invalid) && invalid is not null) return invalid;
        if (state.FindSubtask(command.SubtaskId) is not null)
            return DomainError.Conflict("subtask_exists", $"Subtask {command.SubtaskId} already exists.", "id");
        if (state.Subtasks.Count >= MaxSubtasks)
            return DomainError.Conflict("subtasks_full", $"A task has at most {MaxSubtasks} subtasks.");
        return Decision.Accept(new TaskSubtaskAdded(state.Id, command.SubtaskId, title!));
    }

    public static Decision Decide(RenameSubtask command, TaskState state, CommandContext context)
    {
        if (Subtask(state, command.TaskId, command.SubtaskId) is var (subtask, missing) && missing is not null) return missing;
        if (Title(command.Title) is var (title, invalid) && invalid is not null) return invalid;
        return title == subtask!.Title ? Decision.Nothing : Decision.Accept(new TaskSubtaskRenamed(state.Id, subtask.Id, subtask.Title, title!));
    }

    public static Decision Decide(CompleteSubtask command, TaskState state, CommandContext context) =>
        Subtask(state, command.TaskId, command.SubtaskId) is var (subtask, missing) && missing is not null ? missing
        : subtask!.Done ? Decision.Nothing : Decision.Accept(new TaskSubtaskCompleted(state.Id, subtask.Id));

    public static Decision Decide(ReopenSubtask command, TaskState state, CommandContext context) =>
        Subtask(state, command.TaskId, command.SubtaskId) is var (subtask, missing) && missing is not null ? missing
        : subtask!.Done ? Decision.Accept(new TaskSubtaskReopened(state.Id, subtask.Id)) : Decision.Nothing;

    public static Decision Decide(RemoveSubtask command, TaskState state, CommandContext context) =>
        Subtask(state, command.TaskId, command.SubtaskId) is var (subtask, missing) && missing is not null ? missing
        : Decision.Accept(new TaskSubtaskRemoved(state.Id, subtask!.Id));

    /// <summary>The new order names every subtask exactly once.</summary>
    public static Decision Decide(ReorderSubtasks command, TaskState state, CommandContext context)
    {
        if (Open(state, command.TaskId) is { } refused) return refused;
        var order = command.Order ?? [];
        if (order.Count != state.Subtasks.Count || order.Distinct().Count() != order.Count || order.Any(id => state.FindSubtask(id) is null))
            return DomainError.Invalid("order", "order_invalid", "order lists every subtask's id exactly once.");
        return order.SequenceEqual(state.Subtasks.Select(s => s.Id)) ? Decision.Nothing
            : Decision.Accept(new TaskSubtasksReordered(state.Id, order.ToList()));
    }

    private static (SubtaskState? Subtask, DomainError? Refusal) Subtask(TaskState state, Guid taskId, Guid subtaskId)
    {
        if (Open(state, taskId) is { } refused) return (null, refused);
        return state.FindSubtask(subtaskId) is { } subtask ? (subtask, null)
            : (null, DomainError.NotFound("subtask_not_found", $"Task {taskId} has no subtask {subtaskId}."));
    }

    private static (string? Title, DomainError? Refusal) Title(string? text)
    {
        var checks = new FieldChecks();
        var title = checks.Text("title", text, SubtaskTitleLength, required: true);
        return (title, DomainError.Invalid(checks.Errors));
    }
}
