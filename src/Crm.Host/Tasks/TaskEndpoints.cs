using Crm.Events;
using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Tasks;
using Crm.Write.Access;
using Crm.Write.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Tasks;

/// <summary>
/// /api/tasks (WORK-1): each endpoint parses, calls the task handler (writes) or the task queries after the access policy (reads),
/// and maps the answer, masking links to records the caller cannot see; the rules live in Crm.Write.
/// </summary>
public static partial class TaskEndpoints
{
    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization();
        group.MapGet("/", List).WithName("ListTasks").RequirePermission("task.list").Documented(TaskApiDocs.List);
        group.MapGet("/{id}", Get).WithName("GetTask").RequirePermission("task.detail").Documented(TaskApiDocs.Get);
        group.MapGet("/{id}/history", History).WithName("GetTaskHistory").RequirePermission("task.detail").Documented(TaskApiDocs.History);
        group.MapTaskWrites();
        group.MapTaskItems();
        return group;
    }

    /// <summary>List tasks you can see.</summary>
    /// <param name="status">open, completed or archived; by default open and completed.</param>
    /// <param name="ownerId">Only this owner's tasks.</param>
    /// <param name="participant">"me": only tasks you take part in.</param>
    /// <param name="dueFrom">Only tasks due at or after this moment (ISO 8601).</param>
    /// <param name="dueTo">Only tasks due before this moment (ISO 8601).</param>
    /// <param name="relatedKind">With relatedId: only tasks about this record (customer, contact, opportunity, contract, lead).</param>
    /// <param name="relatedId">With relatedKind: the record; one you can see (else 404 naming its kind).</param>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; "-" prefix for descending.</param>
    /// <param name="q">Free text inside the name.</param>
    private static async Task<Results<Ok<TaskListResponse>, ProblemHttpResult>> List(string? status, Guid? ownerId, string? participant,
        DateTimeOffset? dueFrom, DateTimeOffset? dueTo, string? relatedKind, Guid? relatedId, int? limit, string? cursor, string? sort, string? q,
        [AsParameters] TaskServices s)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct);
        if (bad is not null) return bad;
        var (order, badSort) = ListInputs.Sort(sort);
        if (badSort is not null) return badSort;
        var (search, badQ) = ListInputs.Q(q);
        if (badQ is not null) return badQ;
        if (status is not null && !TaskStatuses.All.Contains(status))
            return DomainProblems.Invalid("status", "status_invalid", "status is open, completed or archived.");
        if (participant is not (null or "me")) return DomainProblems.Invalid("participant", "participant_invalid", "participant takes only \"me\".");
        var view = s.View();
        RelatedRecord? about = null;
        if (relatedKind is not null || relatedId is not null)
        {
            if (relatedKind is null || !RelatedRecord.Kinds.Contains(relatedKind))
                return DomainProblems.Invalid("relatedKind", "related_kind_invalid", "relatedKind is customer, contact, opportunity, contract or lead.");
            if (relatedId is not { } rid) return DomainProblems.Invalid("relatedId", "related_id_required", "relatedId names the record.");
            about = new RelatedRecord(relatedKind, rid);
            // Listing by a record you cannot see would tell which tasks link it: it reads as missing.
            if (!await view.SeesAsync(about, s.Ct)) return RecordAccess.NotFound(relatedKind, rid).ToProblem();
        }
        var request = new TaskListRequest(s.Caller.VisibleOwners("task.list").ForQuery(), s.Caller.ActorId, size, cursor, order, search,
            status is null ? [TaskStatuses.Open, TaskStatuses.Completed] : [status], ownerId, participant == "me", dueFrom, dueTo, about?.Key);
        var page = await s.Tasks.ListAsync(request, s.Ct);
        return TypedResults.Ok(new TaskListResponse(await TaskResponses.FromAsync(page.Items, view, await s.NowAsync(), s.Ct), page.NextCursor));
    }

    /// <summary>Read a task, now or as it was.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="version">Show it as it was at this version.</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> Get(Guid id, long? version, DateTimeOffset? asOf, [AsParameters] TaskServices s)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var (row, refusal) = await s.Reach.CheckAsync(id, s.Caller, "task.detail", TeamNeed.Read, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        if (version is not null || asOf is not null)
        {
            row = await s.Store.ReadAsOfAsync<TaskRow>(id, version, asOf, TaskRow.Evolve, s.Ct);
            if (row is null) return RecordAccess.NotFound(TaskReach.Kind, id).ToProblem();
        }
        s.Http.Response.SetETag(row!.Version);
        return TypedResults.Ok(await TaskResponses.FromAsync(row, s.View(), await s.NowAsync(), s.Ct));
    }

    /// <summary>A task's operation log.</summary>
    /// <param name="id">The task's id.</param>
    private static async Task<Results<Ok<TaskHistoryResponse>, ProblemHttpResult>> History(Guid id, [AsParameters] TaskServices s)
    {
        if ((await s.Reach.CheckAsync(id, s.Caller, "task.detail", TeamNeed.Read, s.Ct)).Refusal is { } hidden) return hidden.ToProblem();
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        var view = s.View();
        var seen = new Dictionary<RelatedRecord, bool>();
        foreach (var link in events.SelectMany(e => Links(e.Data)).Distinct()) seen[link] = await view.SeesAsync(link, s.Ct);
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new TaskHistoryResponse(id, TaskHistory.Of(events, link => seen.GetValueOrDefault(link))));
    }

    private static IEnumerable<RelatedRecord> Links(object data) => data switch
    {
        Events.Tasks.TaskCreated x => x.Related,
        Events.Tasks.TaskRelatedChanged x => [.. x.Linked, .. x.Unlinked],
        _ => [],
    };
}
