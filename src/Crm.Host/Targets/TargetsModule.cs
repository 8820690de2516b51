using Crm.Projections.Targets;
using Crm.Write.Targets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Targets;

/// <summary>The sales targets module (SAL-7): targets and their achievement, registered by Program in one pair of calls.</summary>
public static class TargetsModule
{
    public static IServiceCollection AddTargets(this IServiceCollection services)
    {
        services.TryAddSingleton<TargetQueries>();
        services.TryAddSingleton<TargetReach>();
        services.TryAddSingleton<TargetHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapTargets(this IEndpointRouteBuilder app)
    {
        app.MapTargetsApi();
        return app;
    }
}
