using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Customers;
using Crm.Projections.Leads;
using Crm.Write.Leads;

namespace Crm.Host.Leads;

/// <summary>What every lead endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct LeadServices(
    HttpContext Http, CallerAccess Caller, LeadHandler Handler, LeadReach Reach, LeadQueries Leads, FollowUpQueries FollowUps,
    SettingsReader Settings, EventStore.EventStore Store, CancellationToken Ct);
