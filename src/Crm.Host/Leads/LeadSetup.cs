using Crm.Host.Customers;
using Crm.Projections.Customers;
using Crm.Projections.Leads;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Leads;

public static class LeadSetup
{
    /// <summary>The lead module's services (TryAdd: the customer module registers some of the same queries).</summary>
    public static IServiceCollection AddCrmLeads(this IServiceCollection services)
    {
        services.TryAddSingleton<LeadQueries>();
        services.TryAddSingleton<DuplicateQueries>();
        services.TryAddSingleton<Write.Customers.DuplicateGuard>();
        services.TryAddSingleton<FollowUpQueries>();
        services.TryAddSingleton<CustomerQueries>();
        services.TryAddSingleton<DuplicateVisibility>();
        services.AddSingleton<LeadCommands>();
        services.AddSingleton<Org.IRecordsHandOver, LeadHandOver>();
        services.AddSingleton<Customers.CustomerImporter>();
        return services;
    }
}
