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

        group.MapGet("/", ListPositions).WithName("ListPositions").RequirePermission("position.list")
            .WithSummary("List positions by name, optionally of one department")
            .WithDescription("Keyset paging: pass nextCursor back as ?cursor= for the next page. ?departmentId= lists one department's positions.")
            .ProducesValidationProblem()
            .WithExamples(response: $$"""{"items":[{{Example.Position}}],"nextCursor":null}""");
        group.MapGet("/{id}", GetPosition).WithName("GetPosition").RequirePermission("position.list")
            .WithSummary("Read a position, now or as it was")
            .WithDescription("ETag is the position's version. ?version=n or ?asOf=<ISO 8601> show it as it was then (time travel). A deleted position is 404 now but readable at earlier versions.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.Position);
        group.MapGet("/{id}/history", GetPositionHistory).WithName("GetPositionHistory").RequirePermission("position.list")
            .WithSummary("A position's operation log")
            .WithDescription("One entry per change, oldest first: version, time, action, actor, request id, and each changed field's old and new value.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.History);
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

    /// <summary>Example payloads for the OpenAPI document.</summary>
    private static class Example
    {
        public const string Position = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d31","name":"Sales manager","departmentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11","superiorPositionId":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}
            """;

        public const string History = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d31","items":[
              {"version":1,"at":"2026-03-01T09:00:00+00:00","action":"created","eventType":"position.created","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":"7f3c","changes":[{"field":"name","old":null,"new":"Sales manager"}]}]}
            """;
    }
}
