using Crm.Projections.Dashboard;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Briefing;

/// <summary>The briefing module (DASH-1 subset): its services and its route, registered by Program in one pair of calls.</summary>
public static class BriefingModule
{
    public static IServiceCollection AddBriefing(this IServiceCollection services)
    {
        services.TryAddSingleton<BriefingQueries>();
        services.TryAddSingleton<Crm.Host.Access.OwnerNarrowing>();
        return services;
    }

    public static IEndpointRouteBuilder MapBriefing(this IEndpointRouteBuilder app)
    {
        app.MapBriefingApi();
        return app;
    }
}
