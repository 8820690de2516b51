using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Funnel;
using Crm.Write;
using Crm.Write.Pipelines;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Funnel;

/// <summary>The funnel's answer: the filters as applied (the pipeline resolved) and the figures.</summary>
public sealed record FunnelResponse(Guid? OwnerId, Guid? DepartmentId, DateOnly? From, DateOnly? To, FunnelReport Funnel);

/// <summary>GET /api/opportunities/funnel: the async funnel projection (Crm.Projections/Funnel), within the caller's opportunity.list scope.</summary>
public static class FunnelEndpoints
{
    public static RouteHandlerBuilder MapFunnelApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/opportunities/funnel", GetFunnel).WithTags("Dashboard").RequireAuthorization().WithName("GetOpportunityFunnel")
            .RequirePermission("opportunity.list").Documented(FunnelApiDocs.Get);

    /// <summary>The funnel of one pipeline.</summary>
    /// <param name="pipelineId">The pipeline; the default one when left out.</param>
    /// <param name="ownerId">Only this owner's opportunities.</param>
    /// <param name="departmentId">Only the opportunities of this department's users (and of the departments below it).</param>
    /// <param name="from">Opportunities created on or after this UTC day (yyyy-MM-dd).</param>
    /// <param name="to">Opportunities created on or before this UTC day (inclusive).</param>
    private static async Task<Results<Ok<FunnelResponse>, ProblemHttpResult>> GetFunnel(
        Guid? pipelineId, Guid? ownerId, Guid? departmentId, DateOnly? from, DateOnly? to, [AsParameters] FunnelServices s)
    {
        if (from is { } f && to is { } t && t < f) return DomainProblems.Invalid("to", "range_invalid", "to is before from.");
        var pipeline = await s.Retry.Reads.ExecuteAsync(async c =>
            pipelineId is { } id ? await s.Pipelines.GetAsync(id, c) : await s.Pipelines.DefaultAsync(c), s.Ct);
        if (pipeline is null) return Pipeline.NotFound(pipelineId ?? Guid.Empty).ToProblem();

        var (owners, problem) = await s.Narrowing.OwnersAsync(s.Caller.VisibleOwners("opportunity.list"), ownerId, departmentId, "ownerId", s.Ct);
        if (problem is not null) return problem;
        var filter = new FunnelFilter(owners, from, to is { } last && last < DateOnly.MaxValue ? last.AddDays(1) : null);
        var report = await s.Retry.Reads.ExecuteAsync(async c => await s.Funnel.ReportAsync(pipeline.Id, pipeline.Name, pipeline.Stages, filter, c), s.Ct);
        return TypedResults.Ok(new FunnelResponse(ownerId, departmentId, from, to, report));
    }
}
