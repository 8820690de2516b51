using Crm.Projections.CustomFields;
using Crm.Write.CustomFields;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.CustomFields;

/// <summary>The custom-fields module (SET-1): definitions and the metadata endpoint, registered by Program in one pair of calls.</summary>
public static class CustomFieldsModule
{
    public static IServiceCollection AddCustomFields(this IServiceCollection services)
    {
        services.TryAddSingleton<CustomFieldQueries>();
        services.TryAddSingleton<CustomFieldHandler>();
        services.TryAddSingleton<CustomFieldFacts>();
        services.TryAddSingleton<KindFields>();
        return services;
    }

    public static IEndpointRouteBuilder MapCustomFields(this IEndpointRouteBuilder app)
    {
        app.MapCustomFieldsApi();
        app.MapMetadataApi();
        return app;
    }
}
