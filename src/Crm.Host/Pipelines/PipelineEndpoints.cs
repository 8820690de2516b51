using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Pipelines;
using Crm.Write;
using Crm.Write.Pipelines;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Pipelines;

/// <summary>
/// /api/pipelines (SAL-2): sales pipelines and their stages, configured by administrators. Each endpoint parses, calls the
/// pipeline handler (writes) or the pipeline queries (reads), and maps the answer; the rules live in Crm.Write.
/// </summary>
public static partial class PipelineEndpoints
{
    public static RouteGroupBuilder MapPipelinesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pipelines").WithTags("Pipelines").RequireAuthorization();
        group.MapGet("/", List).WithName("ListPipelines").RequirePermission("pipeline.list").Documented(PipelineApiDocs.List);
        group.MapPost("/", Create).WithName("CreatePipeline").RequirePermission("pipeline.edit")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(PipelineApiDocs.Create);
        group.MapGet("/{id}", Get).WithName("GetPipeline").RequirePermission("pipeline.list").Documented(PipelineApiDocs.Get);
        group.MapPatch("/{id}", Update).WithName("UpdatePipeline").RequirePermission("pipeline.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(PipelineApiDocs.Update);
        group.MapPost("/{id}/make-default", MakeDefault).WithName("MakePipelineDefault").RequirePermission("pipeline.edit")
            .AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey).Documented(PipelineApiDocs.MakeDefault);
        group.MapDelete("/{id}", Delete).WithName("DeletePipeline").RequirePermission("pipeline.edit")
            .AsCommand(CommandHeaders.IfMatch).Documented(PipelineApiDocs.Delete);
        group.MapGet("/{id}/history", History).WithName("GetPipelineHistory").RequirePermission("pipeline.list").Documented(PipelineApiDocs.History);
        return group;
    }

    /// <summary>Every pipeline, the default first, then by name.</summary>
    private static async Task<Ok<PipelineListResponse>> List([AsParameters] PipelineServices s)
    {
        var rows = await s.Retry.Reads.ExecuteAsync(async t => await s.Pipelines.ListAsync(t), s.Ct);
        return TypedResults.Ok(new PipelineListResponse(rows.Select(PipelineResponse.From).ToList()));
    }

    /// <summary>Read one pipeline.</summary>
    /// <param name="id">The pipeline's id.</param>
    private static async Task<Results<Ok<PipelineResponse>, ProblemHttpResult>> Get(Guid id, [AsParameters] PipelineServices s)
    {
        if (await s.Retry.Reads.ExecuteAsync(async t => await s.Pipelines.GetAsync(id, t), s.Ct) is not { } row) return NotFound(id);
        s.Http.Response.SetETag(row.Version);
        return TypedResults.Ok(PipelineResponse.From(row));
    }

    /// <summary>A pipeline's operation log (a deleted pipeline's too).</summary>
    /// <param name="id">The pipeline's id.</param>
    private static async Task<Results<Ok<PipelineHistoryResponse>, ProblemHttpResult>> History(Guid id, [AsParameters] PipelineServices s)
    {
        var events = await s.Retry.Reads.ExecuteAsync(async t => await s.Store.ReadStreamAsync(id, ct: t), s.Ct);
        if (events.Count == 0 || events[0].Data is not Events.Sales.PipelineCreated) return NotFound(id);
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new PipelineHistoryResponse(id, PipelineHistory.Of(events)));
    }

    private static ProblemHttpResult NotFound(Guid id) => Pipeline.NotFound(id).ToProblem();
}
