using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Org;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Org;

public static partial class DepartmentEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        group.MapPost("/", CreateDepartment).WithName("CreateDepartment").RequirePermission("department.create")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(DepartmentApiDocs.Create);
        group.MapPatch("/{id}", UpdateDepartment).WithName("UpdateDepartment").RequirePermission("department.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(DepartmentApiDocs.Update);
        group.MapPost("/{id}/move", MoveDepartment).WithName("MoveDepartment").RequirePermission("department.edit")
            .AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey).Documented(DepartmentApiDocs.Move);
        group.MapDelete("/{id}", DeleteDepartment).WithName("DeleteDepartment").RequirePermission("department.delete")
            .AsCommand(CommandHeaders.IfMatch).Documented(DepartmentApiDocs.Delete);
    }

    /// <summary>Delete an empty department (no sub-departments, users or positions).</summary>
    /// <param name="id">The department's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteDepartment(Guid id, [AsParameters] DepartmentServices s)
    {
        var outcome = await s.Handler.RemoveAsync(new RemoveDepartment(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        s.Http.Response.SetETag(outcome.Version);
        return TypedResults.NoContent();
    }

    /// <summary>Create a department. A retry with the same Idempotency-Key answers the first result and writes nothing.</summary>
    private static async Task<Results<Created<DepartmentResponse>, ProblemHttpResult>> CreateDepartment(
        CreateDepartmentRequest body, [AsParameters] DepartmentServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await s.Handler.AddAsync(new AddDepartment(body.Id, body.Name, body.ParentId), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(outcome, s);
        return TypedResults.Created($"/api/departments/{row.Id}", DepartmentResponse.From(row));
    }

    /// <summary>Rename a department. Send If-Match with the ETag you read to refuse the change (412) if someone changed it since.</summary>
    /// <param name="id">The department's id.</param>
    private static async Task<Results<Ok<DepartmentResponse>, ProblemHttpResult>> UpdateDepartment(
        Guid id, UpdateDepartmentRequest body, [AsParameters] DepartmentServices s)
    {
        var outcome = await s.Handler.RenameAsync(new RenameDepartment(id, body.Name), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(DepartmentResponse.From(await Written(outcome, s)));
    }

    /// <summary>
    /// Put a department under another parent, or at the top level (parentId null). A move under itself or one of its
    /// sub-departments is refused (409).
    /// </summary>
    /// <param name="id">The department's id.</param>
    private static async Task<Results<Ok<DepartmentResponse>, ProblemHttpResult>> MoveDepartment(
        Guid id, MoveDepartmentRequest body, [AsParameters] DepartmentServices s)
    {
        var outcome = await s.Handler.MoveAsync(new MoveDepartmentUnder(id, body.ParentId), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(DepartmentResponse.From(await Written(outcome, s)));
    }

    /// <summary>
    /// The department exactly as the command left it, folded to the version it produced: a replayed
    /// request gets the same answer as the first, even if the department changed in between.
    /// </summary>
    private static Task<DepartmentRow> Written(CommandOutcome outcome, DepartmentServices s) =>
        s.Http.WrittenAsync(outcome, "Department", (id, version, t) => s.Queries.GetAsOfAsync(id, version, null, t), r => r.Version, s.Ct);
}
