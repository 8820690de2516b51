using Crm.Projections.Contracts;
using Crm.Write.Access;
using Crm.Write.Tasks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Tasks;

/// <summary>What tasks and calendar events need to link records and name users: the five kinds' reach, the receiver rule.</summary>
public static class RelatedRecordsServices
{
    public static IServiceCollection AddRelatedRecords(this IServiceCollection services)
    {
        services.TryAddSingleton<Receivers>();
        services.TryAddSingleton<ContractQueries>();
        services.TryAddSingleton<Write.Customers.CustomerReach>();
        services.TryAddSingleton<Write.Contacts.ContactReach>();
        services.TryAddSingleton<Write.Opportunities.OpportunityReach>();
        services.TryAddSingleton<Write.Leads.LeadReach>();
        services.TryAddSingleton<RelatedRecords>();
        return services;
    }
}
