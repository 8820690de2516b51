using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections.Approvals;
using Crm.Write.Approvals;

namespace Crm.Host.Approvals;

/// <summary>What every approval endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct ApprovalServices(
    HttpContext Http, CallerAccess Caller, ApprovalHandler Handler, ApprovalFlowHandler Flows, ApprovalQueries Approvals, ApprovalFlowQueries FlowQueries,
    ApprovalSubjects Subjects, SettingsReader Settings, DatabaseRetry Retry, EventStore.EventStore Store, CancellationToken Ct);
