using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Org;

public static partial class RoleEndpoints
{
    private static void MapWrites(RouteGroupBuilder group)
    {
        group.MapPost("/", CreateRole).WithName("CreateRole").RequirePermission("role.create")
            .WithSummary("Create a role")
            .WithDescription("Permissions are catalogue names (GET /api/permissions); an unknown one is a 400 naming 'permissions'. Nobody but a super"
                + " administrator creates a role carrying a permission they do not hold at its data scope or wider (403 "
                + "beyond_your_rights). The name must be unique among live roles (409 role_name_taken). With Idempotency-Key, a retry "
                + "answers the first response and writes nothing.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExamples(Example.Request, Example.Role, StatusCodes.Status201Created);
        group.MapPatch("/{id}", UpdateRole).WithName("UpdateRole").RequirePermission("role.edit")
            .WithSummary("Change a role's name, description, permissions or data scope")
            .WithDescription("Only the fields sent change; each change is its own event naming the old and new value. Nobody but a super administrator"
                + " edits a role they hold (403 own_role_locked), or changes the permissions or scope of a role that carries, or would "
                + "carry, rights beyond their own (403 beyond_your_rights). permissions replaces the whole set. Send If-Match with the ETag"
                + " you read: a 412 means someone changed it since.")
            .WithExamples("""{"permissions":["customer.create","customer.list","customer.transfer"],"dataScope":"department"}""", Example.Role)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{id}", DeleteRole).WithName("DeleteRole").RequirePermission("role.delete")
            .WithSummary("Delete a role nobody holds")
            .WithDescription("Refused with 409 role_in_use while any user (enabled or disabled) holds it: take it away from them first, so every revocation is its own audited event. A deleted role keeps its history and still reads with isDeleted true.")
            .WithExamples(response: Example.Role)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    /// <summary>Create a role. A retry with the same Idempotency-Key answers the first result and writes nothing.</summary>
    private static async Task<Results<Created<RoleResponse>, ProblemHttpResult>> CreateRole(
        CreateRoleRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        CallerAccess caller, HttpContext http, RoleCommands commands, RoleQueries queries, CancellationToken ct)
    {
        if (!Idempotency.IsUsableKey(idempotencyKey))
            return DomainProblems.Invalid(Idempotency.Header, "idempotency_key_invalid", "An Idempotency-Key is 1 to 200 printable characters without surrounding spaces.");
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        if (new RoleGrants(caller).MayShape(body.Permissions, body.DataScope) is { } beyond) return IdentityGuard.Problem(beyond);
        var id = body.Id ?? Guid.CreateVersion7();
        var outcome = await commands.CreateAsync(id, body, CommandRequests.For(http, body, idempotencyKey), ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(http, outcome, queries, ct);
        return TypedResults.Created($"/api/roles/{row.Id}", RoleResponse.From(row));
    }

    /// <summary>Change a role; only the fields sent change, each as its own event.</summary>
    /// <param name="id">The role's id.</param>
    private static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> UpdateRole(
        Guid id, UpdateRoleRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        CallerAccess caller, HttpContext http, RoleCommands commands, RoleQueries queries, CancellationToken ct)
    {
        var grants = new RoleGrants(caller);
        if (grants.MayEdit(id) is { } ownRole) return IdentityGuard.Problem(ownRole);
        if (CommandRequests.Read(http, body, ifMatch, null, out var request) is { } bad) return bad;
        var outcome = await commands.ChangeAsync(id, body, grants, request, ct);
        if (outcome.Error is { } error) return IdentityGuard.Problem(error);
        return TypedResults.Ok(RoleResponse.From(await Written(http, outcome, queries, ct)));
    }

    /// <summary>Delete a role nobody holds.</summary>
    /// <param name="id">The role's id.</param>
    private static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> DeleteRole(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, RoleCommands commands, RoleQueries queries, CancellationToken ct)
    {
        if (CommandRequests.Read(http, null, ifMatch, null, out var request) is { } bad) return bad;
        var outcome = await commands.DeleteAsync(id, request, ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(RoleResponse.From(await Written(http, outcome, queries, ct)));
    }

    /// <summary>The role exactly as the command left it (folded to that version), with its ETag.</summary>
    private static Task<RoleRow> Written(HttpContext http, CommandOutcome outcome, RoleQueries queries, CancellationToken ct) =>
        http.WrittenAsync(outcome, "Role", (id, version, t) => queries.GetAsOfAsync(id, version, null, t), r => r.Version, ct);
}
