using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Pipelines;
using Crm.Write.Pipelines;

namespace Crm.Host.Pipelines;

/// <summary>What every pipeline endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct PipelineServices(
    HttpContext Http, CallerAccess Caller, PipelineHandler Handler, PipelineQueries Pipelines, DatabaseRetry Retry, EventStore.EventStore Store,
    CancellationToken Ct);
