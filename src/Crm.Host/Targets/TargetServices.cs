using Crm.Host.Access;
using Crm.Projections.Targets;
using Crm.Write.Targets;

namespace Crm.Host.Targets;

/// <summary>What every target endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct TargetServices(
    HttpContext Http, CallerAccess Caller, TargetHandler Handler, TargetReach Reach, TargetQueries Targets, CancellationToken Ct);
