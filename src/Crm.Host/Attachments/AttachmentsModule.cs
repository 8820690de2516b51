using Crm.Projections.Attachments;
using Crm.Projections.Contracts;
using Crm.Projections.Products;
using Crm.Write.Attachments;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Crm.Write.Opportunities;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Attachments;

/// <summary>The attachments module (issue 14): its services and its routes, registered by Program in one pair of calls.</summary>
public static class AttachmentsModule
{
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.TryAddSingleton<AttachmentQueries>();
        services.TryAddSingleton<AttachmentBlobs>();
        services.TryAddSingleton<AttachmentHandler>();
        services.TryAddSingleton<AttachmentSweepService>();
        services.AddHostedService(sp => sp.GetRequiredService<AttachmentSweepService>());
        // What AttachableKinds applies for each kind (registered by the kinds' modules too).
        services.TryAddSingleton<LeadReach>();
        services.TryAddSingleton<CustomerReach>();
        services.TryAddSingleton<ContactReach>();
        services.TryAddSingleton<OpportunityReach>();
        services.TryAddSingleton<ContractQueries>();
        services.TryAddSingleton<ProductQueries>();
        return services;
    }

    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        app.MapAttachmentsApi();
        return app;
    }
}
