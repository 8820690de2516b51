using Crm.Projections.Invoices;
using Crm.Write.Approvals;
using Crm.Write.Invoices;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Invoices;

/// <summary>The invoices module (SAL-7): its services, its approval subject and its routes, registered by Program in one pair of calls.</summary>
public static class InvoicesModule
{
    public static IServiceCollection AddInvoices(this IServiceCollection services)
    {
        services.TryAddSingleton<InvoiceQueries>();
        services.TryAddSingleton<InvoiceHandler>();
        services.TryAddSingleton<Projections.Payments.ContractVersions>();
        // The approval engine finds every subject by its kind among the registered IApprovalSubject services.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IApprovalSubject, InvoiceApprovalSubject>());
        return services;
    }

    public static IEndpointRouteBuilder MapInvoices(this IEndpointRouteBuilder app)
    {
        app.MapInvoicesApi();
        return app;
    }
}
