using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Write.Contacts;

namespace Crm.Host.Contacts;

/// <summary>What every contact endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct ContactServices(
    HttpContext Http, CallerAccess Caller, ContactHandler Handler, ContactReach Reach, ContactQueries Contacts, FollowUpQueries FollowUps,
    SettingsReader Settings, EventStore.EventStore Store, CancellationToken Ct);
