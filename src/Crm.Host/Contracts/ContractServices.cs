using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Contracts;
using Crm.Write.Contracts;
using Crm.Write.Customers;

namespace Crm.Host.Contracts;

/// <summary>What every contract endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct ContractServices(
    HttpContext Http, CallerAccess Caller, ContractHandler Handler, ContractQueries Contracts, CustomerReach Customers, SettingsReader Settings,
    EventStore.EventStore Store, CancellationToken Ct);
