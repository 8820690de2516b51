using Crm.Projections.DataSync;
using Crm.Write.DataSync;

namespace Crm.Host.DataSync;

/// <summary>
/// The integration API (issue 16, docs/integration.md): batch writes and upserts by external id for leads, customers, contacts and
/// products, and the CSV import and export of leads and contacts. Each kind's routes sit beside its own under /api/{kind} and run
/// that kind's handler; this module adds only the plumbing.
/// </summary>
public static class DataSyncModule
{
    public static IServiceCollection AddDataSync(this IServiceCollection services)
    {
        services.AddSingleton<ExternalIdQueries>();
        services.AddSingleton<ExternalIdUpserts>();
        services.AddSingleton<Write.Leads.LeadImportHandler>();
        services.AddSingleton<Write.Contacts.ContactImportHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapDataSync(this IEndpointRouteBuilder app)
    {
        app.MapCustomerIntegration();
        app.MapLeadIntegration();
        app.MapContactIntegration();
        app.MapProductIntegration();
        app.MapLeadCsv();
        app.MapContactCsv();
        return app;
    }
}
