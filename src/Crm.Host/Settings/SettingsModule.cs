using Crm.Write.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Settings;

/// <summary>The settings module (SET-2): its services and its routes, registered by Program in one pair of calls.</summary>
public static class SettingsModule
{
    public static IServiceCollection AddSettings(this IServiceCollection services)
    {
        services.TryAddSingleton<SettingsReader>();
        services.TryAddSingleton<SettingsHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapSettings(this IEndpointRouteBuilder app)
    {
        app.MapSettingsApi();
        return app;
    }
}
