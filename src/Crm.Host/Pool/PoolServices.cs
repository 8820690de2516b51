using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Customers;
using Crm.Write.Pool;

namespace Crm.Host.Pool;

/// <summary>What every pool endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct PoolServices(
    HttpContext Http, CallerAccess Caller, PoolHandler Handler, PoolRulesReader Rules, CustomerQueries Customers, SettingsReader Settings,
    CancellationToken Ct);
