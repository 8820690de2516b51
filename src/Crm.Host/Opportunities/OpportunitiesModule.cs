using Crm.Projections.Contracts;
using Crm.Projections.Customers;
using Crm.Projections.Opportunities;
using Crm.Projections.Products;
using Crm.Projections.Sales;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Customers;
using Crm.Write.Opportunities;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Opportunities;

/// <summary>The opportunities module (SAL-2): its services and its routes, registered by Program in one pair of calls.</summary>
public static class OpportunitiesModule
{
    public static IServiceCollection AddOpportunities(this IServiceCollection services)
    {
        services.TryAddSingleton<OpportunityQueries>();
        services.TryAddSingleton<OpportunityReach>();
        services.TryAddSingleton<PipelineFacts>();
        services.TryAddSingleton<ProductLineFacts>();
        services.TryAddSingleton<NewOpportunityFacts>();
        services.TryAddSingleton<CustomerQueries>();
        services.TryAddSingleton<CustomerReach>();
        services.TryAddSingleton<FollowUpQueries>();
        services.TryAddSingleton<FollowUpIds>();
        services.TryAddSingleton<Receivers>();
        services.TryAddSingleton<ContractQueries>();
        services.TryAddSingleton<CustomerCascadeGuard>();
        services.TryAddSingleton<OpportunityHandler>();
        services.TryAddSingleton<HandOverQueries>();
        services.AddSingleton<Org.IRecordsHandOver, OpportunityHandOver>();
        return services;
    }

    public static IEndpointRouteBuilder MapOpportunities(this IEndpointRouteBuilder app)
    {
        app.MapOpportunitiesApi();
        return app;
    }
}
