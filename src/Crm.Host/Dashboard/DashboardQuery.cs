using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Dashboard;

/// <summary>The query every dashboard route takes: the period, whose figures, the zone; the funnel's pipeline.</summary>
public readonly record struct DashboardQuery(
    [property: FromQuery(Name = "period")]
    [property: Description("today, yesterday, this_week, last_week, this_month (default), last_month, this_quarter, last_quarter, this_year, "
        + "last_year, or custom (with from and to; from and to alone mean custom).")]
    string? Period,
    [property: FromQuery(Name = "from")]
    [property: Description("With period=custom: the first day, yyyy-MM-dd, in the zone.")]
    DateOnly? From,
    [property: FromQuery(Name = "to")]
    [property: Description("With period=custom: the last day (inclusive).")]
    DateOnly? To,
    [property: FromQuery(Name = "userId")]
    [property: Description("Only this user's figures (within your dashboard.view scope).")]
    Guid? UserId,
    [property: FromQuery(Name = "departmentId")]
    [property: Description("Only the users of this department and of the departments below it (within your scope).")]
    Guid? DepartmentId,
    [property: FromQuery(Name = "timeZone")]
    [property: Description("The IANA zone whose days the period uses; default: yours (PUT /api/auth/me/time-zone), else UTC.")]
    string? TimeZone,
    [property: FromQuery(Name = "pipelineId")]
    [property: Description("The funnel's pipeline; default: the default pipeline.")]
    Guid? PipelineId);
