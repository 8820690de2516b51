using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Customers;
using Crm.Projections.Opportunities;
using Crm.Write.Customers;
using Crm.Write.Opportunities;

namespace Crm.Host.Opportunities;

/// <summary>What every opportunity endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct OpportunityServices(
    HttpContext Http, CallerAccess Caller, OpportunityHandler Handler, OpportunityReach Reach, OpportunityQueries Opportunities,
    CustomerReach Customers, FollowUpQueries FollowUps, SettingsReader Settings, EventStore.EventStore Store, CancellationToken Ct);
