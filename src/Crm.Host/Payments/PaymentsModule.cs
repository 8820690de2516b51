using Crm.Projections.Customers;
using Crm.Projections.Payments;
using Crm.Write.Approvals;
using Crm.Write.Customers;
using Crm.Write.Payments;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Payments;

/// <summary>The payments and receivables module (SAL-6): services, approval subject and routes, registered by Program in one pair of calls.</summary>
public static class PaymentsModule
{
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.TryAddSingleton<PaymentQueries>();
        services.TryAddSingleton<ReceivableQueries>();
        services.TryAddSingleton<ContractVersions>();
        services.TryAddSingleton<PaymentReach>();
        services.TryAddSingleton<PaymentHandler>();
        services.TryAddSingleton<CustomerQueries>();
        services.TryAddSingleton<CustomerReach>();
        // The approval engine finds every kind it can approve among the registered subjects.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IApprovalSubject, PaymentApprovalSubject>());
        return services;
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        app.MapPaymentsApi();
        app.MapReceivablesApi();
        return app;
    }
}
