using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Dashboard;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Dashboard;

/// <summary>The dashboard module (DASH-1): its services and routes, registered by Program in one pair of calls.</summary>
public static class DashboardModule
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new DashboardDataSource(DashboardDataSource.Builder(
            DatabaseSetup.ConnectionString(sp.GetRequiredService<IConfiguration>())).UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>()).Build()));
        services.TryAddSingleton(sp => new DashboardQueries(sp.GetRequiredService<DashboardDataSource>().DataSource));
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
