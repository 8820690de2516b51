using Crm.Projections.Integrations;
using Crm.Write.Integrations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Integrations;

/// <summary>The integrations module (SET-5): webhooks and API tokens. The API token sign-in and its rate limits live in Auth.</summary>
public static class IntegrationsModule
{
    public static IServiceCollection AddIntegrations(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => WebhookTargets.Parse(sp.GetRequiredService<IConfiguration>()["Crm:Webhooks:AllowedNetworks"]));
        services.TryAddSingleton(sp => WebhookDeliverySettings.Read(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<WebhookTargets>()));
        services.TryAddSingleton<WebhookQueries>();
        services.TryAddSingleton<WebhookDeliveryLog>();
        services.TryAddSingleton<WebhookHandler>();
        services.TryAddSingleton<ApiTokenQueries>();
        services.TryAddSingleton<ApiTokenHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapIntegrations(this IEndpointRouteBuilder app)
    {
        app.MapWebhooksApi();
        app.MapApiTokensApi();
        return app;
    }
}
