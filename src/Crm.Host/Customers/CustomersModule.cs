using Crm.Host.Contacts;
using Crm.Host.Org;
using Crm.Host.Pool;
using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Projections.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Customers;

/// <summary>Registration of the customers, contacts, public pool and notifications endpoints and services (issue 4).</summary>
public static class CustomersModule
{
    public static IServiceCollection AddCustomersModule(this IServiceCollection services)
    {
        services.AddSingleton<CustomerQueries>();
        services.TryAddSingleton<ContactQueries>();
        services.AddSingleton<DuplicateQueries>();
        services.TryAddSingleton<DuplicateGuard>();
        services.TryAddSingleton<DuplicateVisibility>();
        services.AddSingleton<FollowUpQueries>();
        services.AddSingleton<RecyclingCandidates>();
        services.AddSingleton<CustomerCommands>();
        services.AddSingleton<NotificationQueries>();
        // Customers first: their contacts move with them; the contacts module then moves what is left.
        services.AddSingleton<IRecordsHandOver, CustomerHandOver>();
        services.AddSingleton<IRecordsHandOver, ContactHandOver>();
        services.AddSingleton<PoolRulesReader>();
        services.AddSingleton<PoolCommands>();
        services.AddSingleton<RecyclingService>();
        services.AddHostedService(sp => sp.GetRequiredService<RecyclingService>());
        return services;
    }

    public static IEndpointRouteBuilder MapCustomersModule(this IEndpointRouteBuilder app)
    {
        app.MapCustomersApi();
        app.MapPoolApi();
        return app;
    }
}
