using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Dashboard;
using Crm.Projections.Funnel;
using Crm.Projections.Org;
using Crm.Projections.Pipelines;

namespace Crm.Host.Funnel;

/// <summary>What the funnel endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct FunnelServices(
    CallerAccess Caller, FunnelQueries Funnel, PipelineQueries Pipelines, OwnerNarrowing Narrowing, DatabaseRetry Retry,
    CancellationToken Ct);
