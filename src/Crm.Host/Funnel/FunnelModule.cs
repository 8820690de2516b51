using Crm.Projections.Dashboard;
using Crm.Projections.Funnel;
using Crm.Projections.Pipelines;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Funnel;

/// <summary>The sales funnel (SAL-2, DASH-1): its services and its route, registered by Program in one pair of calls.</summary>
public static class FunnelModule
{
    public static IServiceCollection AddFunnel(this IServiceCollection services)
    {
        services.TryAddSingleton<FunnelQueries>();
        services.TryAddSingleton<PipelineQueries>();
        services.TryAddSingleton<BriefingQueries>();
        services.TryAddSingleton<Crm.Host.Access.OwnerNarrowing>();
        return services;
    }

    public static IEndpointRouteBuilder MapFunnel(this IEndpointRouteBuilder app)
    {
        app.MapFunnelApi();
        return app;
    }
}
