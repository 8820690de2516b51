using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Org;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Org;

/// <summary>/api/positions: positions (岗位) in departments, with superior positions (ORG-2). Writes in PositionEndpoints.Writes.cs.</summary>
public static partial class PositionEndpoints
{
    public static RouteGroupBuilder MapPositionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/positions").WithTags("Positions").RequireAuthorization();
        group.MapGet("/", ListPositions).WithName("ListPositions").RequirePermission("position.list").Documented(PositionApiDocs.List);
        group.MapGet("/{id}", GetPosition).WithName("GetPosition").RequirePermission("position.list").Documented(PositionApiDocs.Get);
        group.MapGet("/{id}/history", GetPositionHistory).WithName("GetPositionHistory").RequirePermission("position.list")
            .Documented(PositionApiDocs.History);
        MapWrites(group);
        return group;
    }

    /// <summary>Read a position, now or as it was (time travel).</summary>
    /// <param name="id">The position's id.</param>
    /// <param name="version">Show it as it was at this version (1 = as created).</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<PositionResponse>, ProblemHttpResult>> GetPosition(
        Guid id, long? version, DateTimeOffset? asOf, HttpContext http, PositionQueries queries, DatabaseRetry retry, CancellationToken ct)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var row = version is null && asOf is null
            ? await retry.Reads.ExecuteAsync(async t => await queries.GetAsync(id, t), ct)
            : await retry.Reads.ExecuteAsync(async t => await queries.GetAsOfAsync(id, version, asOf, t), ct);
        if (row is null || (version is not null && row.Version < version)) return NotFound(id);
        http.Response.SetETag(row.Version);
        return TypedResults.Ok(PositionResponse.From(row));
    }

    /// <summary>List positions by name (keyset paging).</summary>
    /// <param name="departmentId">Only this department's positions.</param>
    /// <param name="limit">Page size, 1 to 500; default 20.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<PositionListResponse>, ProblemHttpResult>> ListPositions(
        Guid? departmentId, int? limit, string? cursor, PositionQueries queries, DatabaseRetry retry, CancellationToken ct)
    {
        if (ListInputs.CheckPaging(limit, cursor) is { } badPaging) return badPaging;
        var page = await retry.Reads.ExecuteAsync(async t => await queries.ListAsync(departmentId, limit ?? ListInputs.DefaultPageSize, cursor, t), ct);
        return TypedResults.Ok(new PositionListResponse(page.Items.Select(PositionResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>A position's operation log.</summary>
    /// <param name="id">The position's id.</param>
    private static async Task<Results<Ok<PositionHistoryResponse>, ProblemHttpResult>> GetPositionHistory(
        Guid id, HttpContext http, EventStore.EventStore store, DatabaseRetry retry, CancellationToken ct)
    {
        var events = await retry.Reads.ExecuteAsync(async t => await store.ReadStreamAsync(id, ct: t), ct);
        if (events.Count == 0 || events[0].Data is not Events.Org.PositionCreated) return NotFound(id);
        http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new PositionHistoryResponse(id, PositionHistory.Of(events)));
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        Write.DomainError.NotFound("position_not_found", $"Position {id} does not exist (at that version or moment).").ToProblem();

}
