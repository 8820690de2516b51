using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Org;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Org;

public static partial class RoleEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        group.MapPost("/", CreateRole).WithName("CreateRole").RequirePermission("role.create")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(RoleApiDocs.Create);
        group.MapPatch("/{id}", UpdateRole).WithName("UpdateRole").RequirePermission("role.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(RoleApiDocs.Update);
        group.MapDelete("/{id}", DeleteRole).WithName("DeleteRole").RequirePermission("role.delete")
            .AsCommand(CommandHeaders.IfMatch).Documented(RoleApiDocs.Delete);
    }

    /// <summary>Create a role. A retry with the same Idempotency-Key answers the first result and writes nothing.</summary>
    private static async Task<Results<Created<RoleResponse>, ProblemHttpResult>> CreateRole(CreateRoleRequest body, [AsParameters] RoleServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var command = new AddRole(body.Id, body.Name, body.Description, body.Permissions, body.DataScope);
        var outcome = await s.Handler.AddAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(outcome, s);
        return TypedResults.Created($"/api/roles/{row.Id}", RoleResponse.From(row));
    }

    /// <summary>Change a role; only the fields sent change, each as its own event.</summary>
    /// <param name="id">The role's id.</param>
    private static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> UpdateRole(Guid id, UpdateRoleRequest body, [AsParameters] RoleServices s)
    {
        var command = new EditRole(id, body.Name, body.Description, body.Permissions, body.DataScope);
        var outcome = await s.Handler.EditAsync(command, s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(RoleResponse.From(await Written(outcome, s)));
    }

    /// <summary>Delete a role nobody holds.</summary>
    /// <param name="id">The role's id.</param>
    private static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> DeleteRole(Guid id, [AsParameters] RoleServices s)
    {
        var outcome = await s.Handler.RemoveAsync(new RemoveRole(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(RoleResponse.From(await Written(outcome, s)));
    }

    /// <summary>The role exactly as the command left it (folded to that version), with its ETag.</summary>
    private static Task<RoleRow> Written(CommandOutcome outcome, RoleServices s) =>
        s.Http.WrittenAsync(outcome, "Role", (id, version, t) => s.Queries.GetAsOfAsync(id, version, null, t), r => r.Version, s.Ct);
}
