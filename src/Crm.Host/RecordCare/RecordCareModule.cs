using Crm.Projections.RecordCare;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.RecordCare;

/// <summary>Record care (SET-4): merge duplicates, restore an earlier version, archive what nobody touches; routes beside each kind's own.</summary>
public static class RecordCareModule
{
    public static IServiceCollection AddRecordCare(this IServiceCollection services)
    {
        services.TryAddSingleton<RecordCareQueries>();
        services.TryAddSingleton<ContactReach>();
        services.AddSingleton<CustomerCareHandler>();
        services.AddSingleton<Write.RecordCare.RestoreHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapRecordCare(this IEndpointRouteBuilder app)
    {
        app.MapCustomerCareApi();
        app.MapRestores();
        return app;
    }
}
