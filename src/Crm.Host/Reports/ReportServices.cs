using Crm.Host.Access;
using Crm.Host.Org;
using Crm.Host.Platform;
using Crm.Projections.Dashboard;
using Crm.Projections.Org;
using Crm.Projections.Reports;

namespace Crm.Host.Reports;

/// <summary>What the report endpoints take besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct ReportServices(
    HttpContext Http, CallerAccess Caller, ReportQueries Reports, BriefingQueries Departments, UserQueries Users, CallerZones Zones, DatabaseRetry Retry,
    TimeProvider Clock, CancellationToken Ct);
