using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Dashboard;
using Crm.Projections.Org;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Briefing;

/// <summary>The briefing's answer: the sums over the range, and the days that had any activity.</summary>
public sealed record BriefingResponse(DateOnly From, DateOnly To, Guid? UserId, Guid? DepartmentId, BriefingCounts Totals, IReadOnlyList<BriefingDay> Days);

/// <summary>GET /api/briefing (DASH-1 subset): counts from the async daily-counts projection (Crm.Projections/Dashboard).</summary>
public static class BriefingEndpoints
{
    public const int MaxDays = 366;

    public static RouteHandlerBuilder MapBriefingApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/briefing", GetBriefing).WithTags("Dashboard").RequireAuthorization().WithName("GetBriefing").RequirePermission("dashboard.view")
            .Documented(BriefingApiDocs.Get);

    /// <summary>The briefing over a date range.</summary>
    /// <param name="from">First day (yyyy-MM-dd, UTC), default today.</param>
    /// <param name="to">Last day (inclusive), default today.</param>
    /// <param name="userId">Only this user's counts.</param>
    /// <param name="departmentId">Only the users of this department and the departments below it.</param>
    private static async Task<Results<Ok<BriefingResponse>, ProblemHttpResult>> GetBriefing(
        DateOnly? from, DateOnly? to, Guid? userId, Guid? departmentId, CallerAccess caller, BriefingQueries queries, OwnerNarrowing narrowing,
        TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (first, last) = (from ?? today, to ?? today);
        if (last < first) return DomainProblems.Invalid("to", "range_invalid", "to is before from.");
        if (last.DayNumber - first.DayNumber >= MaxDays) return DomainProblems.Invalid("to", "range_too_long", $"A briefing covers at most {MaxDays} days.");
        var (owners, problem) = await narrowing.OwnersAsync(caller.VisibleOwners("dashboard.view"), userId, departmentId, "userId", ct);
        if (problem is not null) return problem;
        var days = await queries.DaysAsync(first, last, owners, ct);
        var totals = new BriefingCounts(
            days.Sum(d => d.Counts.NewLeads), days.Sum(d => d.Counts.NewCustomers), days.Sum(d => d.Counts.NewContacts), days.Sum(d => d.Counts.FollowUps),
            days.Sum(d => d.Counts.Conversions), days.Sum(d => d.Counts.CustomersRecycled), days.Sum(d => d.Counts.CustomersClaimed));
        return TypedResults.Ok(new BriefingResponse(first, last, userId, departmentId, totals, days));
    }
}
