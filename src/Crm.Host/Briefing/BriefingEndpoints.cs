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
        DateOnly? from, DateOnly? to, Guid? userId, Guid? departmentId, CallerAccess caller, BriefingQueries queries, UserQueries users, TimeProvider clock,
        CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (first, last) = (from ?? today, to ?? today);
        if (last < first) return DomainProblems.Invalid("to", "range_invalid", "to is before from.");
        if (last.DayNumber - first.DayNumber >= MaxDays) return DomainProblems.Invalid("to", "range_too_long", $"A briefing covers at most {MaxDays} days.");
        if (userId is not null && departmentId is not null)
            return DomainProblems.Invalid("departmentId", "filter_ambiguous", "Pass userId or departmentId, not both.");

        var scope = caller.VisibleOwners("dashboard.view");
        Guid[]? owners;
        if (userId is { } user)
        {
            // An "everyone" scope includes any id, so the user's existence is checked too: no zeros for a user who is not there.
            if (!scope.Includes(user) || await users.GetAsync(user, ct) is null) return NotFound("user_not_found", $"User {user} does not exist.");
            owners = [user];
        }
        else if (departmentId is { } department)
        {
            var members = await queries.DepartmentUsersAsync(department, ct);
            // A department none of whose users the caller may see reads as missing (404), like a hidden record.
            if (members is null || (!scope.IsAll && !members.Any(scope.Includes)))
                return NotFound("department_not_found", $"Department {department} does not exist.");
            owners = scope.IsAll ? members : members.Where(scope.Includes).ToArray();
        }
        else
        {
            owners = scope.ForSql();
        }
        var days = await queries.DaysAsync(first, last, owners, ct);
        var totals = new BriefingCounts(
            days.Sum(d => d.Counts.NewLeads), days.Sum(d => d.Counts.NewCustomers), days.Sum(d => d.Counts.NewContacts), days.Sum(d => d.Counts.FollowUps),
            days.Sum(d => d.Counts.Conversions), days.Sum(d => d.Counts.CustomersRecycled), days.Sum(d => d.Counts.CustomersClaimed));
        return TypedResults.Ok(new BriefingResponse(first, last, userId, departmentId, totals, days));
    }

    private static ProblemHttpResult NotFound(string code, string message) => DomainError.NotFound(code, message).ToProblem();
}
