using Crm.Write.Classification;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Classification;

/// <summary>The customer classes module (CUS-10): the thresholds' handler and routes, registered by Program in one pair of calls.</summary>
public static class CustomerClassesModule
{
    public static IServiceCollection AddCustomerClasses(this IServiceCollection services)
    {
        services.TryAddSingleton<CustomerClassesHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapCustomerClasses(this IEndpointRouteBuilder app)
    {
        app.MapCustomerClassesApi();
        return app;
    }
}
