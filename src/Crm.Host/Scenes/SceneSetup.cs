using Crm.Projections.Leads;
using Crm.Projections.Scenes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Scenes;

public static class SceneSetup
{
    /// <summary>The scene module's services. Each kind's results come from its own search code (registered with <see cref="SceneKinds.Register"/>).</summary>
    public static IServiceCollection AddCrmScenes(this IServiceCollection services)
    {
        services.TryAddSingleton<SceneQueries>();
        services.TryAddSingleton<LeadQueries>();
        services.AddSingleton<SceneCommands>();
        var kinds = new SceneKinds();
        kinds.Register("leads", SceneEndpoints.LeadResults);
        kinds.Register("customers", SceneEndpoints.CustomerResults);
        kinds.Register("contacts", SceneEndpoints.ContactResults);
        services.AddSingleton(kinds);
        return services;
    }
}
