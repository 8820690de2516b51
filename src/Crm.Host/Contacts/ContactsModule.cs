using Crm.Projections.Contacts;
using Crm.Projections.Contracts;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Contacts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Contacts;

/// <summary>The contacts module (CUS-8): its services and its routes, registered by Program in one pair of calls.</summary>
public static class ContactsModule
{
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.TryAddSingleton<ContactQueries>();
        services.TryAddSingleton<Receivers>();
        services.TryAddSingleton<Write.Customers.CustomerReach>();
        services.TryAddSingleton<ContactReach>();
        services.TryAddSingleton<Write.Customers.CustomerCascadeGuard>();
        services.TryAddSingleton<FollowUpIds>();
        services.TryAddSingleton<ContractQueries>();
        services.TryAddSingleton<ContactHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapContacts(this IEndpointRouteBuilder app)
    {
        app.MapContactsApi();
        return app;
    }
}
