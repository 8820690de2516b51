using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Tasks;
using Crm.Write;
using Crm.Write.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Tasks;

public static partial class TaskEndpoints
{
    private static void MapTaskWrites(this RouteGroupBuilder group)
    {
        group.MapPost("/", Create).WithName("CreateTask").RequirePermission("task.create").AsCommand(CommandHeaders.IdempotencyKey)
            .Documented(TaskApiDocs.Create);
        group.MapPatch("/{id}", Update).WithName("UpdateTask").RequirePermission("task.edit").AsCommand(CommandHeaders.IfMatch).Documented(TaskApiDocs.Update);
        group.MapDelete("/{id}", Archive).WithName("ArchiveTask").RequirePermission("task.delete").AsCommand(CommandHeaders.IfMatch)
            .Documented(TaskApiDocs.Archive);
        group.MapPost("/{id}/complete", Complete).WithName("CompleteTask").RequirePermission("task.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(TaskApiDocs.Complete);
        group.MapPost("/{id}/reopen", Reopen).WithName("ReopenTask").RequirePermission("task.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(TaskApiDocs.Reopen);
        group.MapPost("/{id}/move", Move).WithName("MoveTask").RequirePermission("task.edit").AsCommand(CommandHeaders.IfMatch).Documented(TaskApiDocs.Move);
    }

    /// <summary>Create a task.</summary>
    private static async Task<Results<Created<TaskResponse>, ProblemHttpResult>> Create(CreateTaskRequest body, [AsParameters] TaskServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await s.Handler.CreateAsync(body.Command(), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await s.Http.CreatedAsync<TaskRow>(outcome, "Task", TaskRow.Evolve,
            (id, version, t) => s.Store.ReadAsOfAsync<TaskRow>(id, version, null, TaskRow.Evolve, t), r => r.Version, s.Ct);
        return TypedResults.Created($"/api/tasks/{outcome.StreamId}", await TaskResponses.FromAsync(row, s.View(), await s.NowAsync(), s.Ct));
    }

    /// <summary>Change a task.</summary>
    /// <param name="id">The task's id.</param>
    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> Update(Guid id, UpdateTaskRequest body, [AsParameters] TaskServices s) =>
        await Answer(await s.Handler.EditAsync(body.Command(id), s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Archive a task.</summary>
    /// <param name="id">The task's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Archive(Guid id, [AsParameters] TaskServices s)
    {
        var outcome = await s.Handler.ArchiveAsync(new ArchiveTask(id), s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>Complete a task.</summary>
    /// <param name="id">The task's id.</param>
    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> Complete(Guid id, [AsParameters] TaskServices s) =>
        await Answer(await s.Handler.CompleteAsync(new CompleteTask(id), s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Reopen a task.</summary>
    /// <param name="id">The task's id.</param>
    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> Reopen(Guid id, [AsParameters] TaskServices s) =>
        await Answer(await s.Handler.ReopenAsync(new ReopenTask(id), s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Move a task to a workbench bucket.</summary>
    /// <param name="id">The task's id.</param>
    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> Move(Guid id, MoveTaskRequest body, [AsParameters] TaskServices s) =>
        await Answer(await s.Handler.MoveAsync(new MoveTaskTo(id, body.Bucket), s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>The refusal, or the task as the command left it (read at the version it wrote), with its ETag.</summary>
    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> Answer(CommandOutcome outcome, TaskServices s) =>
        outcome.Error is { } error
            ? error.ToProblem()
            : TypedResults.Ok(await TaskResponses.FromAsync(await Written(outcome, s), s.View(), await s.NowAsync(), s.Ct));

    private static Task<TaskRow> Written(CommandOutcome outcome, TaskServices s) =>
        s.Http.WrittenAsync(outcome, "Task", (id, version, t) => s.Store.ReadAsOfAsync<TaskRow>(id, version, null, TaskRow.Evolve, t), r => r.Version, s.Ct);
}
