using Crm.Host.Contacts;
using Crm.Host.Org;
using Crm.Projections.Contacts;
using Crm.Projections.Contracts;
using Crm.Projections.Customers;
using Crm.Projections.Notifications;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Customers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Customers;

/// <summary>
/// The customers module (with, for now, the public pool and notifications): its services and routes, registered by Program in
/// one pair of calls.
/// </summary>
public static class CustomersModule
{
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddSingleton<CustomerQueries>();
        services.TryAddSingleton<ContactQueries>();
        services.AddSingleton<DuplicateQueries>();
        services.TryAddSingleton<DuplicateHolders>();
        services.TryAddSingleton<DuplicateGuard>();
        services.TryAddSingleton<DuplicateMasking>();
        services.AddSingleton<FollowUpQueries>();
        services.TryAddSingleton<FollowUpIds>();
        services.AddSingleton<RecyclingCandidates>();
        services.TryAddSingleton<Receivers>();
        services.TryAddSingleton<CustomerReach>();
        services.TryAddSingleton<CustomerCascadeGuard>();
        services.TryAddSingleton<ContractQueries>();
        services.AddSingleton<CustomerHandler>();
        services.AddSingleton<NotificationQueries>();
        // Customers first: their contacts move with them; the contacts module then moves what is left.
        services.AddSingleton<IRecordsHandOver, CustomerHandOver>();
        services.AddSingleton<IRecordsHandOver, ContactHandOver>();
        services.AddSingleton<HandOverQueries>();
        services.AddSingleton<ImportDuplicateQueries>();
        services.AddSingleton<Write.Customers.CustomerImportHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        app.MapCustomersApi();
        return app;
    }
}
