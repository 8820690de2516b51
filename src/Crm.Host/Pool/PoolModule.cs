using Crm.Projections.Customers;
using Crm.Write.Access;
using Crm.Write.Pool;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Pool;

/// <summary>The public pool module (CUS-6, CUS-7): its handler, the recycling job and its routes, registered by Program in one pair of calls.</summary>
public static class PoolModule
{
    public static IServiceCollection AddPool(this IServiceCollection services)
    {
        services.TryAddSingleton<Receivers>();
        services.TryAddSingleton<ClaimantCounts>();
        services.TryAddSingleton<CustomerDeals>();
        services.TryAddSingleton<RecyclingCandidates>();
        services.TryAddSingleton<PoolRulesReader>();
        services.TryAddSingleton<PoolHandler>();
        services.TryAddSingleton<RecyclingService>();
        services.AddHostedService(sp => sp.GetRequiredService<RecyclingService>());
        return services;
    }

    public static IEndpointRouteBuilder MapPool(this IEndpointRouteBuilder app)
    {
        app.MapPoolApi();
        return app;
    }
}
