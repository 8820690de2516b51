using Crm.Projections.Leads;
using Crm.Projections.Scenes;
using Crm.Write.Scenes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Scenes;

/// <summary>The scenes module (LEAD-6, CUS-9): its services and its routes, registered by Program in one pair of calls.</summary>
public static class ScenesModule
{
    /// <summary>Each kind's results come from its own search code (registered with <see cref="SceneKinds.Register"/>).</summary>
    public static IServiceCollection AddScenes(this IServiceCollection services)
    {
        services.TryAddSingleton<SceneQueries>();
        services.TryAddSingleton<LeadQueries>();
        services.TryAddSingleton<SceneHandler>();
        var kinds = new SceneKinds();
        kinds.Register("leads", SceneResultSources.Leads);
        kinds.Register("customers", SceneResultSources.Customers);
        kinds.Register("contacts", SceneResultSources.Contacts);
        services.AddSingleton(kinds);
        return services;
    }

    public static IEndpointRouteBuilder MapScenes(this IEndpointRouteBuilder app)
    {
        app.MapScenesApi();
        return app;
    }
}
