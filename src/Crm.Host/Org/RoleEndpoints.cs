using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Org;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Org;

/// <summary>/api/roles: operation permissions plus a data scope (ORG-4). Reads here; writes in RoleEndpoints.Writes.cs.</summary>
public static partial class RoleEndpoints
{
    public static RouteGroupBuilder MapRolesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/roles").WithTags("Roles").RequireAuthorization();

        group.MapGet("/", ListRoles).WithName("ListRoles").RequirePermission("role.list")
            .WithSummary("List roles by name, a page at a time")
            .WithDescription("Deleted roles are left out. Keyset paging: pass nextCursor back as ?cursor= for the next page.")
            .ProducesValidationProblem()
            .WithExamples(response: $$"""{"items":[{{Example.Role}}],"nextCursor":null}""");
        group.MapGet("/{id}", GetRole).WithName("GetRole").RequirePermission("role.list")
            .WithSummary("Read a role, now or as it was")
            .WithDescription("ETag is the role's version. ?version=n or ?asOf=<ISO 8601> show it as it was then. A deleted role still reads, with isDeleted true.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.Role);
        group.MapGet("/{id}/history", GetRoleHistory).WithName("GetRoleHistory").RequirePermission("role.list")
            .WithSummary("A role's operation log: who granted what, when")
            .WithDescription("One entry per change, oldest first: version, time, action, actor, request id, and each changed field's old and new value; permission changes also list what was granted and revoked.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.History);
        MapWrites(group);
        return group;
    }

    /// <summary>Read a role, now or as it was (time travel).</summary>
    /// <param name="id">The role's id.</param>
    /// <param name="version">Show it as it was at this version (1 = as created).</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> GetRole(
        Guid id, long? version, DateTimeOffset? asOf, HttpContext http, RoleQueries queries, DatabaseRetry retry, CancellationToken ct)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var row = version is null && asOf is null
            ? await retry.Reads.ExecuteAsync(async t => await queries.GetAsync(id, t), ct)
            : await retry.Reads.ExecuteAsync(async t => await queries.GetAsOfAsync(id, version, asOf, t), ct);
        if (row is null || (version is not null && row.Version < version)) return NotFound(id);
        http.Response.SetETag(row.Version);
        return TypedResults.Ok(RoleResponse.From(row));
    }

    /// <summary>List live roles by name (keyset paging).</summary>
    /// <param name="limit">Page size, 1 to 500; default 20.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<RoleListResponse>, ProblemHttpResult>> ListRoles(
        int? limit, string? cursor, RoleQueries queries, DatabaseRetry retry, CancellationToken ct)
    {
        if (ListInputs.CheckPaging(limit, cursor) is { } badPaging) return badPaging;
        var page = await retry.Reads.ExecuteAsync(async t => await queries.ListAsync(limit ?? ListInputs.DefaultPageSize, cursor, t), ct);
        return TypedResults.Ok(new RoleListResponse(page.Items.Select(RoleResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>A role's operation log: who granted or revoked what, when, with old and new values.</summary>
    /// <param name="id">The role's id.</param>
    private static async Task<Results<Ok<RoleHistoryResponse>, ProblemHttpResult>> GetRoleHistory(
        Guid id, HttpContext http, EventStore.EventStore store, DatabaseRetry retry, CancellationToken ct)
    {
        var events = await retry.Reads.ExecuteAsync(async t => await store.ReadStreamAsync(id, ct: t), ct);
        if (events.Count == 0 || events[0].Data is not Events.Org.RoleCreated) return NotFound(id);
        http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new RoleHistoryResponse(id, RoleHistory.Of(events)));
    }

    private static ProblemHttpResult NotFound(Guid id) => Write.DomainError.NotFound("role_not_found", $"Role {id} does not exist (at that version or moment).").ToProblem();

    /// <summary>Example payloads for the OpenAPI document.</summary>
    private static class Example
    {
        public const string Role = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Sales rep","description":"Front-line sales","permissions":["customer.create","customer.list","pool.claim"],"dataScope":"self_and_subordinates","isDeleted":false,"version":2,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-02T10:30:00+00:00"}
            """;

        public const string Request = """
            {"name":"Sales rep","description":"Front-line sales","permissions":["customer.create","customer.list","pool.claim"],"dataScope":"self_and_subordinates"}
            """;

        public const string History = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","items":[
              {"version":2,"at":"2026-03-02T10:30:00+00:00","action":"permissions-changed","eventType":"role.permissions-changed","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":"81aa","changes":[
                {"field":"permissions","old":"customer.create,customer.list","new":"customer.create,customer.list,pool.claim"},{"field":"granted","old":null,"new":"pool.claim"},{"field":"revoked","old":null,"new":""}]}]}
            """;
    }
}
