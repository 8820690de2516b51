using Crm.Host.Access;
using Crm.Host.Contacts;
using Crm.Host.Customers;
using Crm.Host.Leads;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Projections.Leads;

namespace Crm.Host.Scenes;

/// <summary>How each kind's list shows a scene's results: the code of the kind's own search endpoint.</summary>
public static class SceneResultSources
{
    /// <summary>How the customer list shows a scene's results: the code of POST /api/customers/search.</summary>
    public static async Task<IResult> Customers(SceneSearch search, CallerAccess caller, IServiceProvider services, CancellationToken ct) =>
        (await CustomerEndpoints.ListAsync(search.Filter, search.Limit, search.Cursor, search.Sort, search.Q, search.IncludeTotal == true, caller,
            services.GetRequiredService<CustomerQueries>(), services.GetRequiredService<SettingsReader>(), pool: false, ct)).Result;

    /// <summary>How the contact list shows a scene's results: the code of POST /api/contacts/search (which has no total).</summary>
    public static async Task<IResult> Contacts(SceneSearch search, CallerAccess caller, IServiceProvider services, CancellationToken ct) =>
        (await ContactEndpoints.ListAsync(search.Filter, search.Limit, search.Cursor, search.Sort, search.Q, caller,
            services.GetRequiredService<ContactQueries>(), services.GetRequiredService<SettingsReader>(), ct)).Result;

    /// <summary>How the lead list shows a scene's results: the code of POST /api/leads/search.</summary>
    public static async Task<IResult> Leads(SceneSearch search, CallerAccess caller, IServiceProvider services, CancellationToken ct) =>
        (await LeadEndpoints.ListAsync(new LeadSearchRequest(search.Filter, search.Sort, search.Q, search.Limit, search.Cursor, search.IncludeTotal),
            pool: false, caller, services.GetRequiredService<LeadQueries>(), services.GetRequiredService<SettingsReader>(), ct)).Result;
}
