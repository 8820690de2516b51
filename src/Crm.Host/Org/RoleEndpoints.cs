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
        group.MapGet("/", ListRoles).WithName("ListRoles").RequirePermission("role.list").Documented(RoleApiDocs.List);
        group.MapGet("/{id}", GetRole).WithName("GetRole").RequirePermission("role.list").Documented(RoleApiDocs.Get);
        group.MapGet("/{id}/history", GetRoleHistory).WithName("GetRoleHistory").RequirePermission("role.list").Documented(RoleApiDocs.History);
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

    private static ProblemHttpResult NotFound(Guid id) =>
        Write.DomainError.NotFound("role_not_found", $"Role {id} does not exist (at that version or moment).").ToProblem();

}
