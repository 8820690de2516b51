using Crm.Host.Customers;
using Crm.Projections.Customers;
using Crm.Projections.Leads;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Leads;

/// <summary>The leads module (LEAD-1…7): its services and its routes, registered by Program in one pair of calls.</summary>
public static class LeadsModule
{
    /// <summary>TryAdd: the customer module registers some of the same queries.</summary>
    public static IServiceCollection AddLeads(this IServiceCollection services)
    {
        services.TryAddSingleton<LeadQueries>();
        services.TryAddSingleton<DuplicateQueries>();
        services.TryAddSingleton<DuplicateGuard>();
        services.TryAddSingleton<FollowUpQueries>();
        services.TryAddSingleton<CustomerQueries>();
        services.TryAddSingleton<DuplicateHolders>();
        services.TryAddSingleton<DuplicateMasking>();
        services.TryAddSingleton<FollowUpIds>();
        services.TryAddSingleton<Receivers>();
        services.TryAddSingleton<LeadReach>();
        services.TryAddSingleton<Projections.Sales.PipelineFacts>();
        services.TryAddSingleton<Projections.Products.ProductLineFacts>();
        services.TryAddSingleton<Write.Opportunities.NewOpportunityFacts>();
        services.TryAddSingleton<LeadHandler>();
        services.AddSingleton<Org.IRecordsHandOver, LeadHandOver>();
        services.TryAddSingleton<CustomerImporter>();
        return services;
    }

    public static IEndpointRouteBuilder MapLeads(this IEndpointRouteBuilder app)
    {
        app.MapLeadsApi();
        return app;
    }
}
