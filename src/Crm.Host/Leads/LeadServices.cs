using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Settings;
using Crm.Projections.Customers;
using Crm.Projections.Leads;
using Crm.Write.Leads;

namespace Crm.Host.Leads;

/// <summary>What every lead endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
/// <param name="Visibility">Masks the duplicate candidates of a refusal (still the Host's: it moves to Write with the customers module).</param>
public readonly record struct LeadServices(
    HttpContext Http, CallerAccess Caller, LeadHandler Handler, LeadReach Reach, LeadQueries Leads, FollowUpQueries FollowUps,
    DuplicateVisibility Visibility, SettingsReader Settings, EventStore.EventStore Store, CancellationToken Ct);
