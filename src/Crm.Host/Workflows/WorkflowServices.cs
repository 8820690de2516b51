using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Workflows;
using Crm.Write.Workflows;

namespace Crm.Host.Workflows;

/// <summary>What every workflow endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct WorkflowServices(
    HttpContext Http, CallerAccess Caller, WorkflowHandler Handler, WorkflowQueries Workflows, WorkflowRuns Runs, DatabaseRetry Retry,
    EventStore.EventStore Store, CancellationToken Ct);
