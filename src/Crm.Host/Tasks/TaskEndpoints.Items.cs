using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Tasks;
using Crm.Write.Access;
using Crm.Write.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Tasks;

/// <summary>A task's subtasks and comments: each change one event on the task's stream, answered with the task (or the comment).</summary>
public static partial class TaskEndpoints
{
    private static void MapTaskItems(this RouteGroupBuilder group)
    {
        const CommandHeaders keyed = CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey;
        group.MapPost("/{id}/subtasks", AddSubtask).WithName("AddTaskSubtask").RequirePermission("task.edit").AsCommand(keyed)
            .Documented(TaskApiDocs.AddSubtask);
        group.MapPatch("/{id}/subtasks/{subtaskId}", RenameSubtask).WithName("RenameTaskSubtask").RequirePermission("task.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(TaskApiDocs.RenameSubtask);
        group.MapDelete("/{id}/subtasks/{subtaskId}", RemoveSubtask).WithName("RemoveTaskSubtask").RequirePermission("task.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(TaskApiDocs.RemoveSubtask);
        group.MapPost("/{id}/subtasks/{subtaskId}/complete", CompleteSubtask).WithName("CompleteTaskSubtask").RequirePermission("task.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(TaskApiDocs.CompleteSubtask);
        group.MapPost("/{id}/subtasks/{subtaskId}/reopen", ReopenSubtask).WithName("ReopenTaskSubtask").RequirePermission("task.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(TaskApiDocs.ReopenSubtask);
        group.MapPost("/{id}/subtasks/reorder", ReorderSubtasks).WithName("ReorderTaskSubtasks").RequirePermission("task.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(TaskApiDocs.ReorderSubtasks);
        group.MapGet("/{id}/comments", Comments).WithName("ListTaskComments").RequirePermission("task.detail").Documented(TaskApiDocs.Comments);
        group.MapPost("/{id}/comments", AddComment).WithName("AddTaskComment").RequirePermission("task.edit").AsCommand(keyed)
            .Documented(TaskApiDocs.AddComment);
        group.MapPatch("/{id}/comments/{commentId}", EditComment).WithName("EditTaskComment").RequirePermission("task.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(TaskApiDocs.EditComment);
        group.MapDelete("/{id}/comments/{commentId}", DeleteComment).WithName("DeleteTaskComment").RequirePermission("task.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(TaskApiDocs.DeleteComment);
    }

    /// <summary>Add a subtask.</summary>
    /// <param name="id">The task's id.</param>
    private static async Task<Results<Created<TaskResponse>, ProblemHttpResult>> AddSubtask(Guid id, AddSubtaskRequest body, [AsParameters] TaskServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await s.Handler.AddSubtaskAsync(new AddSubtask(id, body.Id ?? Guid.CreateVersion7(), body.Title), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/tasks/{id}", await TaskResponses.FromAsync(await Written(outcome, s), s.View(), await s.NowAsync(), s.Ct));
    }

    /// <summary>Rename a subtask.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="subtaskId">The subtask's id.</param>
    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> RenameSubtask(Guid id, Guid subtaskId, RenameSubtaskRequest body,
        [AsParameters] TaskServices s) => await Answer(await s.Handler.RenameSubtaskAsync(new RenameSubtask(id, subtaskId, body.Title), s.Caller,
        s.Http.Command(), s.Ct), s);

    /// <summary>Remove a subtask.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="subtaskId">The subtask's id.</param>
    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> RemoveSubtask(Guid id, Guid subtaskId, [AsParameters] TaskServices s) =>
        await Answer(await s.Handler.RemoveSubtaskAsync(new RemoveSubtask(id, subtaskId), s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Tick a subtask off.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="subtaskId">The subtask's id.</param>
    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> CompleteSubtask(Guid id, Guid subtaskId, [AsParameters] TaskServices s) =>
        await Answer(await s.Handler.CompleteSubtaskAsync(new CompleteSubtask(id, subtaskId), s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Reopen a subtask.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="subtaskId">The subtask's id.</param>
    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> ReopenSubtask(Guid id, Guid subtaskId, [AsParameters] TaskServices s) =>
        await Answer(await s.Handler.ReopenSubtaskAsync(new ReopenSubtask(id, subtaskId), s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Reorder the subtasks.</summary>
    /// <param name="id">The task's id.</param>
    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> ReorderSubtasks(Guid id, ReorderSubtasksRequest body,
        [AsParameters] TaskServices s) => await Answer(await s.Handler.ReorderSubtasksAsync(new ReorderSubtasks(id, body.Order), s.Caller,
        s.Http.Command(), s.Ct), s);

    /// <summary>A task's comments.</summary>
    /// <param name="id">The task's id.</param>
    private static async Task<Results<Ok<CommentListResponse>, ProblemHttpResult>> Comments(Guid id, [AsParameters] TaskServices s)
    {
        var (row, refusal) = await s.Reach.CheckAsync(id, s.Caller, "task.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        s.Http.Response.SetETag(row!.Version);
        return TypedResults.Ok(new CommentListResponse(id, row.Comments.Select(c => CommentResponse.From(c, row.Version)).ToList(), row.Version));
    }

    /// <summary>Comment on a task.</summary>
    /// <param name="id">The task's id.</param>
    private static async Task<Results<Created<CommentResponse>, ProblemHttpResult>> AddComment(Guid id, CommentRequest body, [AsParameters] TaskServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var commentId = body.Id ?? Guid.CreateVersion7();
        var outcome = await s.Handler.AddCommentAsync(new AddComment(id, commentId, body.Text, body.Mentions), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(outcome, s);
        // A replayed request answers the comment its first attempt wrote: the last one of that version.
        var comment = row.Comments.FirstOrDefault(c => c.Id == commentId) ?? row.Comments[^1];
        return TypedResults.Created($"/api/tasks/{id}/comments", CommentResponse.From(comment, row.Version));
    }

    /// <summary>Edit your comment.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="commentId">The comment's id.</param>
    private static async Task<Results<Ok<CommentResponse>, ProblemHttpResult>> EditComment(Guid id, Guid commentId, CommentRequest body,
        [AsParameters] TaskServices s)
    {
        var outcome = await s.Handler.EditCommentAsync(new EditComment(id, commentId, body.Text, body.Mentions), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(outcome, s);
        return TypedResults.Ok(CommentResponse.From(row.Comments.First(c => c.Id == commentId), row.Version));
    }

    /// <summary>Delete your comment.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="commentId">The comment's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteComment(Guid id, Guid commentId, [AsParameters] TaskServices s)
    {
        var outcome = await s.Handler.DeleteCommentAsync(new DeleteComment(id, commentId), s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }
}
