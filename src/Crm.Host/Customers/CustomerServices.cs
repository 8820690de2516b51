using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Write.Customers;

namespace Crm.Host.Customers;

/// <summary>What every customer endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct CustomerServices(
    HttpContext Http, CallerAccess Caller, CustomerHandler Handler, CustomerReach Reach, CustomerQueries Customers, FollowUpQueries FollowUps,
    ContactQueries Contacts, SettingsReader Settings, EventStore.EventStore Store, CancellationToken Ct);
