using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Org;

public static partial class DepartmentEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        group.MapPost("/", CreateDepartment).WithName("CreateDepartment").RequirePermission("department.create")
            .WithSummary("Create a department")
            .WithDescription("The server picks a UUID v7 id unless the body has one. With Idempotency-Key, a retry answers the first response and writes nothing; the same key with another body is a 422.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExamples("""{"name":"Sales","parentId":null}""", Example.Department, StatusCodes.Status201Created);
        group.MapPatch("/{id}", UpdateDepartment).WithName("UpdateDepartment").RequirePermission("department.edit")
            .WithSummary("Rename a department")
            .WithDescription("Send If-Match with the ETag you read: a 412 means someone changed it since. Renaming to the current name changes nothing.")
            .WithExamples("""{"name":"Revenue"}""", Example.Department)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/move", MoveDepartment).WithName("MoveDepartment").RequirePermission("department.edit")
            .WithSummary("Put a department under another parent, or at the top level")
            .WithDescription("parentId null moves it to the top level. A move under itself or one of its own sub-departments is a 409 (department_cycle).")
            .WithExamples("""{"parentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d00"}""", Example.Department)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id}", DeleteDepartment).WithName("DeleteDepartment").RequirePermission("department.delete")
            .WithSummary("Delete an empty department")
            .WithDescription("Only a department without sub-departments, users (enabled or disabled) and positions can be deleted; otherwise 409 department_not_empty saying what is left. The default Office department follows the same rule. Its history stays readable.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    /// <summary>Delete an empty department (no sub-departments, users or positions).</summary>
    /// <param name="id">The department's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteDepartment(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext http, DepartmentCommands commands, CancellationToken ct)
    {
        if (CommandRequests.Read(http, null, ifMatch, null, out var request) is { } bad) return bad;
        var outcome = await commands.DeleteAsync(id, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        http.Response.SetETag(outcome.Version);
        return TypedResults.NoContent();
    }

    /// <summary>Create a department. A retry with the same Idempotency-Key answers the first result and writes nothing.</summary>
    private static async Task<Results<Created<DepartmentResponse>, ProblemHttpResult>> CreateDepartment(
        CreateDepartmentRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, DepartmentCommands commands, DepartmentQueries queries, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, null, idempotencyKey, out var request) is { } bad) return bad;
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var id = body.Id ?? Guid.CreateVersion7();
        var outcome = await commands.CreateAsync(id, body, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(http, outcome, queries, ct);
        return TypedResults.Created($"/api/departments/{row.Id}", DepartmentResponse.From(row));
    }

    /// <summary>Rename a department. Send If-Match with the ETag you read to refuse the change (412) if someone changed it since.</summary>
    /// <param name="id">The department's id.</param>
    private static async Task<Results<Ok<DepartmentResponse>, ProblemHttpResult>> UpdateDepartment(
        Guid id, UpdateDepartmentRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, DepartmentCommands commands, DepartmentQueries queries, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, null, out var request) is { } bad) return bad;
        var outcome = await commands.RenameAsync(id, body, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(DepartmentResponse.From(await Written(http, outcome, queries, ct)));
    }

    /// <summary>Put a department under another parent, or at the top level (parentId null). A move under itself or one of its sub-departments is refused (409).</summary>
    /// <param name="id">The department's id.</param>
    private static async Task<Results<Ok<DepartmentResponse>, ProblemHttpResult>> MoveDepartment(
        Guid id, MoveDepartmentRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, DepartmentCommands commands, DepartmentQueries queries, CancellationToken ct)
    {
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        var outcome = await commands.MoveAsync(id, body, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(DepartmentResponse.From(await Written(http, outcome, queries, ct)));
    }

    /// <summary>
    /// The department exactly as the command left it, folded to the version it produced: a replayed
    /// request gets the same answer as the first, even if the department changed in between.
    /// </summary>
    private static Task<DepartmentRow> Written(HttpContext http, CommandOutcome outcome, DepartmentQueries queries, CancellationToken ct) =>
        http.WrittenAsync(outcome, "Department", (id, version, t) => queries.GetAsOfAsync(id, version, null, t), r => r.Version, ct);
}
