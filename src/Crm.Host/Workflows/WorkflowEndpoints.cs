using System.Globalization;
using Crm.Host.Access;
using Crm.Host.Auth;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Workflows;
using Crm.Write;
using Crm.Write.Workflows;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Workflows;

/// <summary>
/// /api/workflows (SET-3): automation rules and what their runs did. Each endpoint parses, calls the workflow handler (writes) or the
/// workflow queries (reads), and maps the answer; the rules live in Crm.Write, the runs in the run handler.
/// </summary>
public static partial class WorkflowEndpoints
{
    public const int MaxRunPage = 100;

    public static RouteGroupBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization();
        group.MapGet("/", List).WithName("ListWorkflows").RequirePermission("workflow.list").Documented(WorkflowApiDocs.List);
        group.MapPost("/", Create).WithName("CreateWorkflow").ForPeopleOnly().RequirePermission("workflow.edit")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(WorkflowApiDocs.Create);
        group.MapGet("/{id}", Get).WithName("GetWorkflow").RequirePermission("workflow.list").Documented(WorkflowApiDocs.Get);
        group.MapPatch("/{id}", Update).WithName("UpdateWorkflow").ForPeopleOnly().RequirePermission("workflow.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(WorkflowApiDocs.Update);
        group.MapDelete("/{id}", Delete).WithName("DeleteWorkflow").ForPeopleOnly().RequirePermission("workflow.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(WorkflowApiDocs.Delete);
        group.MapGet("/{id}/runs", Runs).WithName("ListWorkflowRuns").RequirePermission("workflow.list").Documented(WorkflowApiDocs.Runs);
        return group;
    }

    /// <summary>Every workflow, by name.</summary>
    private static async Task<Ok<WorkflowListResponse>> List([AsParameters] WorkflowServices s)
    {
        var rows = await s.Retry.Reads.ExecuteAsync(async t => await s.Workflows.ListAsync(null, t), s.Ct);
        return TypedResults.Ok(new WorkflowListResponse(rows.Select(WorkflowResponse.From).ToList()));
    }

    /// <summary>Read one workflow.</summary>
    /// <param name="id">The workflow's id.</param>
    private static async Task<Results<Ok<WorkflowResponse>, ProblemHttpResult>> Get(Guid id, [AsParameters] WorkflowServices s)
    {
        if (await s.Retry.Reads.ExecuteAsync(async t => await s.Workflows.GetAsync(id, t), s.Ct) is not { } row) return NotFound(id);
        s.Http.Response.SetETag(row.Version);
        return TypedResults.Ok(WorkflowResponse.From(row));
    }

    /// <summary>A workflow's runs, newest first: what each did, or why it did nothing.</summary>
    /// <param name="id">The workflow's id (a deleted workflow's runs stay readable).</param>
    /// <param name="limit">Page size, 1 to 100 (default 50).</param>
    /// <param name="cursor">A previous page's nextCursor.</param>
    private static async Task<Results<Ok<WorkflowRunListResponse>, ProblemHttpResult>> Runs(
        Guid id, int? limit, string? cursor, [AsParameters] WorkflowServices s)
    {
        if (limit is < 1 or > MaxRunPage) return DomainProblems.Invalid("limit", "limit_out_of_range", $"The page size is 1 to {MaxRunPage}.");
        (DateTimeOffset, Guid)? after = null;
        if (cursor is not null)
        {
            if (!KeysetCursor.TryDecode(cursor, out var position)
                || !DateTimeOffset.TryParse(position.SortValue, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
                return DomainProblems.Invalid("cursor", "cursor_invalid", "Pass back a nextCursor exactly as a previous page returned it.");
            after = (at, position.Id);
        }
        var exists = await s.Retry.Reads.ExecuteAsync(async t => await s.Workflows.GetAsync(id, t) is not null || (await s.Store.ReadStreamAsync(id, ct: t))
            is [{ Data: Events.Workflows.WorkflowCreated }, ..], s.Ct);
        if (!exists) return NotFound(id);
        var size = limit ?? 50;
        var (customers, leads) = (s.Caller.VisibleOwners("customer.detail").ForQuery(), s.Caller.VisibleOwners("lead.detail").ForQuery());
        var rows = await s.Retry.Reads.ExecuteAsync(async t => await s.Runs.ListAsync(id, size + 1, after, customers, leads, t), s.Ct);
        var next = rows.Count > size ? KeysetCursor.Encode(rows[size - 1].CreatedAt.ToString("O", CultureInfo.InvariantCulture), rows[size - 1].Id) : null;
        return TypedResults.Ok(new WorkflowRunListResponse(rows.Take(size).Select(WorkflowRunResponse.From).ToList(), next));
    }

    private static ProblemHttpResult NotFound(Guid id) => Workflow.NotFound(id).ToProblem();
}
