using Crm.Host.Access;
using Crm.Projections.Dashboard;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Dashboard;

/// <summary>The dashboard module (DASH-1): its services and routes, registered by Program in one pair of calls.</summary>
public static class DashboardModule
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.TryAddSingleton<DashboardQueries>();
        services.TryAddSingleton<BriefingQueries>();
        services.TryAddSingleton<OwnerNarrowing>();
        services.TryAddSingleton<DashboardCards>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapDashboardApi();
        return app;
    }
}
