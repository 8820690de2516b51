using Crm.Host.Access;
using Crm.Host.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Dashboard;

/// <summary>
/// GET /api/dashboard (DASH-1) and one route per card, so a UI can refresh one: each resolves the period in the caller's zone and the
/// owners within their dashboard.view scope, then reads the card from the async read models (Crm.Projections/Dashboard).
/// </summary>
public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization();
        group.MapGet("/", Whole).WithName("GetDashboard").RequirePermission("dashboard.view").Documented(DashboardApiDocs.Whole);
        group.MapGet("/briefing", Briefing).WithName("GetDashboardBriefing").RequirePermission("dashboard.view").Documented(DashboardApiDocs.Briefing);
        group.MapGet("/kpis", Kpis).WithName("GetDashboardKpis").RequirePermission("dashboard.view").Documented(DashboardApiDocs.Kpis);
        group.MapGet("/funnel", Funnel).WithName("GetDashboardFunnel").RequirePermission("dashboard.view").Documented(DashboardApiDocs.Funnel);
        group.MapGet("/trend", Trend).WithName("GetDashboardTrend").RequirePermission("dashboard.view").Documented(DashboardApiDocs.Trend);
        group.MapGet("/rankings", Rankings).WithName("GetDashboardRankings").RequirePermission("dashboard.view").Documented(DashboardApiDocs.Rankings);
        return group;
    }

    private static async Task<Results<Ok<DashboardResponse>, ProblemHttpResult>> Whole([AsParameters] DashboardQuery q, [AsParameters] DashboardServices s)
    {
        var (scope, problem) = await s.ResolveAsync(q);
        if (scope is null) return problem!;
        // The cards read on their own connections at once: the answer takes as long as the slowest, not the sum.
        var figures = s.Cards.FiguresAsync(scope, s.Ct);
        var kpis = s.Cards.KpisAsync(scope, s.Ct);
        var funnel = s.Cards.FunnelAsync(scope, q.PipelineId, s.Ct);
        var trend = s.Cards.TrendAsync(scope, s.Ct);
        await Task.WhenAll(figures, kpis, funnel, trend);
        if (q.PipelineId is { } asked && await funnel is null) return Crm.Write.Pipelines.Pipeline.NotFound(asked).ToProblem();
        var rankings = await s.Cards.RankingsAsync(await figures, s.Ct);
        return TypedResults.Ok(new DashboardResponse(scope.Response(), DashboardCards.Briefing(await figures), await kpis, await funnel, await trend,
            rankings));
    }

    private static async Task<Results<Ok<DashboardBriefingResponse>, ProblemHttpResult>> Briefing([AsParameters] DashboardQuery q,
        [AsParameters] DashboardServices s)
    {
        var (scope, problem) = await s.ResolveAsync(q);
        return scope is null ? problem!
            : TypedResults.Ok(new DashboardBriefingResponse(scope.Response(), DashboardCards.Briefing(await s.Cards.FiguresAsync(scope, s.Ct))));
    }

    private static async Task<Results<Ok<DashboardKpisResponse>, ProblemHttpResult>> Kpis([AsParameters] DashboardQuery q, [AsParameters] DashboardServices s)
    {
        var (scope, problem) = await s.ResolveAsync(q);
        return scope is null ? problem! : TypedResults.Ok(new DashboardKpisResponse(scope.Response(), await s.Cards.KpisAsync(scope, s.Ct)));
    }

    private static async Task<Results<Ok<DashboardFunnelResponse>, ProblemHttpResult>> Funnel([AsParameters] DashboardQuery q,
        [AsParameters] DashboardServices s)
    {
        var (scope, problem) = await s.ResolveAsync(q);
        if (scope is null) return problem!;
        var report = await s.Cards.FunnelAsync(scope, q.PipelineId, s.Ct);
        if (q.PipelineId is { } asked && report is null) return Crm.Write.Pipelines.Pipeline.NotFound(asked).ToProblem();
        return TypedResults.Ok(new DashboardFunnelResponse(scope.Response(), report));
    }

    private static async Task<Results<Ok<DashboardTrendResponse>, ProblemHttpResult>> Trend([AsParameters] DashboardQuery q,
        [AsParameters] DashboardServices s)
    {
        var (scope, problem) = await s.ResolveAsync(q);
        return scope is null ? problem! : TypedResults.Ok(new DashboardTrendResponse(scope.Response(), await s.Cards.TrendAsync(scope, s.Ct)));
    }

    private static async Task<Results<Ok<DashboardRankingsResponse>, ProblemHttpResult>> Rankings([AsParameters] DashboardQuery q,
        [AsParameters] DashboardServices s)
    {
        var (scope, problem) = await s.ResolveAsync(q);
        return scope is null ? problem!
            : TypedResults.Ok(new DashboardRankingsResponse(scope.Response(), await s.Cards.RankingsAsync(await s.Cards.FiguresAsync(scope, s.Ct), s.Ct)));
    }
}
