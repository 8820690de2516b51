using System.ComponentModel;

namespace Crm.Host.Dashboard;

/// <summary>The query every dashboard route takes: the period, whose figures, the zone; the funnel's pipeline.</summary>
public readonly record struct DashboardQuery(
    [property: Description("today, yesterday, this_week, last_week, this_month (default), last_month, this_quarter, last_quarter, this_year, "
        + "last_year, or custom (with from and to).")]
    string? Period,
    [property: Description("With period=custom (or alone with to): the first day, yyyy-MM-dd, in the zone.")] DateOnly? From,
    [property: Description("With period=custom: the last day (inclusive).")] DateOnly? To,
    [property: Description("Only this user's figures (within your dashboard.view scope).")] Guid? UserId,
    [property: Description("Only the users of this department and of the departments below it (within your scope).")] Guid? DepartmentId,
    [property: Description("The IANA zone whose days the period uses; default: yours (PUT /api/auth/me/time-zone), else UTC.")] string? TimeZone,
    [property: Description("The funnel's pipeline; default: the default pipeline.")] Guid? PipelineId);
