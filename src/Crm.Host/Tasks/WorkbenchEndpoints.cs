using Crm.Host.Access;
using Crm.Host.Org;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections.Tasks;
using Crm.Write.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Tasks;

/// <summary>One bucket of the workbench: its count and a page of its tasks.</summary>
public sealed record WorkbenchBucketResponse(
    [property: WireValues(typeof(WorkbenchBuckets), nameof(WorkbenchBuckets.All))] string Bucket, long Count, IReadOnlyList<TaskResponse> Items,
    string? NextCursor);

/// <summary>The caller's workbench: the buckets in order (inbox, overdue, today, next, later, done), or the one asked for.</summary>
/// <param name="Now">The moment the buckets were read at (UTC).</param>
/// <param name="TimeZone">The zone whose days the buckets use: the caller's (an IANA id, UTC until they set one).</param>
public sealed record WorkbenchResponse(DateTimeOffset Now, string TimeZone, IReadOnlyList<WorkbenchBucketResponse> Buckets);

/// <summary>GET /api/workbench (WORK-2): the signed-in user's own tasks and the ones they take part in, by bucket.</summary>
public static class WorkbenchEndpoints
{
    public static void MapWorkbenchApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/workbench").WithTags("Tasks").RequireAuthorization()
            .MapGet("/", Get).WithName("GetWorkbench").RequirePermission("task.list").Documented(TaskApiDocs.Workbench);

    /// <summary>The caller's workbench.</summary>
    /// <param name="bucket">Only this bucket (to page it with cursor).</param>
    /// <param name="limit">Page size of each bucket; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">With bucket: the nextCursor of the bucket's previous page.</param>
    private static async Task<Results<Ok<WorkbenchResponse>, ProblemHttpResult>> Get(string? bucket, int? limit, string? cursor, HttpContext http,
        CallerAccess caller, WorkbenchQueries workbench, RelatedRecords related, SettingsReader settings, TimeProvider clock, CallerZones zones,
        CancellationToken ct)
    {
        if (bucket is not null && !WorkbenchBuckets.All.Contains(bucket))
            return DomainProblems.Invalid("bucket", "bucket_invalid", "bucket is inbox, overdue, today, next, later or done.");
        if (bucket is null && cursor is not null)
            return DomainProblems.Invalid("cursor", "cursor_invalid", "A cursor pages one bucket: send bucket with it.");
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, settings, ct);
        if (bad is not null) return bad;
        var now = WorkbenchBuckets.At(clock.GetUtcNow(), await zones.OfAsync(http, caller.ActorId, ct));
        IReadOnlyList<string> asked = bucket is null ? WorkbenchBuckets.All : [bucket];
        var read = await workbench.ReadAsync(caller.ActorId, asked, now, size, cursor, ct);
        var view = related.For(caller);
        var buckets = new List<WorkbenchBucketResponse>();
        foreach (var (name, page) in asked.Select(name => (name, read.Pages[name])))
            buckets.Add(new WorkbenchBucketResponse(name, read.Counts[name], await TaskResponses.FromAsync(page.Items, view, now, ct), page.NextCursor));
        return TypedResults.Ok(new WorkbenchResponse(now.Now, now.TimeZone, buckets));
    }
}
