using Crm.Projections.Leads;
using Crm.Projections.Scenes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Scenes;

public static class SceneSetup
{
    /// <summary>The scene module's services. Leads' results come from the lead search; customers and contacts register theirs with <see cref="SceneKinds.Register"/>.</summary>
    public static IServiceCollection AddCrmScenes(this IServiceCollection services)
    {
        services.TryAddSingleton<SceneQueries>();
        services.TryAddSingleton<LeadQueries>();
        services.AddSingleton<SceneCommands>();
        var kinds = new SceneKinds();
        kinds.Register("leads", SceneEndpoints.LeadResults);
        services.AddSingleton(kinds);
        return services;
    }
}
