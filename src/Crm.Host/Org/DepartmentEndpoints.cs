using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Org;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Org;

/// <summary>/api/departments: the org tree. Reads here; writes in DepartmentEndpoints.Writes.cs.</summary>
public static partial class DepartmentEndpoints
{
    public static RouteGroupBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/departments").WithTags("Departments").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/", ListDepartments).WithName("ListDepartments").RequirePermission("department.list").Documented(DepartmentApiDocs.List);
        group.MapGet("/{id}", GetDepartment).WithName("GetDepartment").RequirePermission("department.list").Documented(DepartmentApiDocs.Get);
        group.MapGet("/{id}/history", GetDepartmentHistory).WithName("GetDepartmentHistory").RequirePermission("department.list")
            .Documented(DepartmentApiDocs.History);
        MapWrites(group);
        return group;
    }

    /// <summary>Read a department, now or as it was (time travel).</summary>
    /// <param name="id">The department's id.</param>
    /// <param name="version">Show it as it was at this version (1 = as created).</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<DepartmentResponse>, ProblemHttpResult>> GetDepartment(
        Guid id, long? version, DateTimeOffset? asOf, HttpContext http, DepartmentQueries queries, DatabaseRetry retry, CancellationToken ct)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var row = version is null && asOf is null
            ? await retry.Reads.ExecuteAsync(async t => await queries.GetAsync(id, t), ct)
            : await retry.Reads.ExecuteAsync(async t => await queries.GetAsOfAsync(id, version, asOf, t), ct);
        if (row is null || (version is not null && row.Version < version)) return NotFound(id, version, asOf);
        http.Response.SetETag(row.Version);
        return TypedResults.Ok(DepartmentResponse.From(row));
    }

    /// <summary>List departments by name, a page at a time (keyset paging).</summary>
    /// <param name="parentId">Only the direct sub-departments of this department.</param>
    /// <param name="topLevel">Only departments without a parent.</param>
    /// <param name="limit">Page size, 1 to 500; default 20.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<DepartmentListResponse>, ProblemHttpResult>> ListDepartments(
        Guid? parentId, bool? topLevel, int? limit, string? cursor, DepartmentQueries queries, DatabaseRetry retry, CancellationToken ct)
    {
        if (ListInputs.CheckPaging(limit, cursor) is { } badPaging) return badPaging;
        if (parentId is not null && topLevel == true)
            return DomainProblems.Invalid("topLevel", "filters_contradict", "Top-level departments have no parent: use parentId or topLevel, not both.");
        var filter = new DepartmentFilter(parentId, topLevel == true);
        var page = await retry.Reads.ExecuteAsync(async t => await queries.ListAsync(filter, limit ?? ListInputs.DefaultPageSize, cursor, t), ct);
        return TypedResults.Ok(new DepartmentListResponse(page.Items.Select(DepartmentResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>A department's operation log: one entry per change, with who, when, and each field's old and new value.</summary>
    /// <param name="id">The department's id.</param>
    private static async Task<Results<Ok<DepartmentHistoryResponse>, ProblemHttpResult>> GetDepartmentHistory(
        Guid id, HttpContext http, EventStore.EventStore store, DatabaseRetry retry, CancellationToken ct)
    {
        var events = await retry.Reads.ExecuteAsync(async t => await store.ReadStreamAsync(id, ct: t), ct);
        // Any stream can be read by id: only a department's stream is a department's history.
        if (events.Count == 0 || events[0].Data is not Events.Org.DepartmentCreated) return NotFound(id, null, null);
        http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new DepartmentHistoryResponse(id, DepartmentHistory.Of(events)));
    }

    private static ProblemHttpResult NotFound(Guid id, long? version, DateTimeOffset? asOf) => Write.DomainError.NotFound(
        "department_not_found",
        version is null && asOf is null ? $"Department {id} does not exist." : $"Department {id} did not exist at that version or moment.").ToProblem();

}
