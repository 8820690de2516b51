using Crm.Projections.Dashboard;
using Crm.Projections.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Reports;

/// <summary>The reports module (DASH-2): its services and its routes, registered by Program in one pair of calls.</summary>
public static class ReportsModule
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.TryAddSingleton<ReportQueries>();
        services.TryAddSingleton<BriefingQueries>();
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapReportsApi();
        return app;
    }
}
