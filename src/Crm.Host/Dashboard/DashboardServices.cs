using Crm.Host.Access;
using Crm.Host.Org;

namespace Crm.Host.Dashboard;

/// <summary>What the dashboard endpoints take besides the query, bound as one parameter ([AsParameters]).</summary>
public readonly record struct DashboardServices(
    HttpContext Http, CallerAccess Caller, CallerZones Zones, OwnerNarrowing Narrowing, DashboardCards Cards, TimeProvider Clock, CancellationToken Ct)
{
    public Task<(DashboardScope? Scope, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> ResolveAsync(DashboardQuery q) =>
        DashboardScope.ResolveAsync(q, Http, Caller, Zones, Narrowing, Clock, Ct);
}
