using Crm.Projections.Contacts;
using Crm.Projections.Contracts;
using Crm.Projections.Customers;
using Crm.Projections.Opportunities;
using Crm.Projections.Products;
using Crm.Projections.Sales;
using Crm.Write.Access;
using Crm.Write.Contracts;
using Crm.Write.Customers;
using Crm.Write.Opportunities;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Contracts;

/// <summary>The contracts module (SAL-3, SAL-5): its services and its routes, registered by Program in one pair of calls.</summary>
public static class ContractsModule
{
    public static IServiceCollection AddContracts(this IServiceCollection services)
    {
        services.TryAddSingleton<ContractQueries>();
        services.TryAddSingleton<ContractNumbers>();
        services.TryAddSingleton(sp => NumberPattern(sp.GetRequiredService<IConfiguration>()[NumberPatternKey]));
        services.TryAddSingleton<PipelineFacts>();
        services.TryAddSingleton<ProductLineFacts>();
        services.TryAddSingleton<NewOpportunityFacts>();
        services.TryAddSingleton<OpportunityQueries>();
        services.TryAddSingleton<ContactQueries>();
        services.TryAddSingleton<CustomerQueries>();
        services.TryAddSingleton<CustomerReach>();
        services.TryAddSingleton<Receivers>();
        services.TryAddSingleton<CustomerCascadeGuard>();
        services.TryAddSingleton<ContractHandler>();
        return services;
    }

    /// <summary>The configuration key of the contract number pattern (default HT-{yyyy}-{seq:6}).</summary>
    public const string NumberPatternKey = "Crm:Contracts:NumberPattern";

    /// <summary>The configured pattern; one that is none stops the start rather than numbering contracts some other way.</summary>
    public static ContractNumberPattern NumberPattern(string? configured) => string.IsNullOrWhiteSpace(configured) ? ContractNumberPattern.Standard
        : ContractNumberPattern.Parse(configured) ?? throw new InvalidOperationException(
            $"{NumberPatternKey} \"{configured}\" is no contract number pattern: literal text with {{yyyy}}, {{yy}}, {{MM}}, {{dd}} and one {{seq:n}}.");

    public static IEndpointRouteBuilder MapContracts(this IEndpointRouteBuilder app)
    {
        app.MapContractsApi();
        app.MapContractCsvApi();
        return app;
    }
}
