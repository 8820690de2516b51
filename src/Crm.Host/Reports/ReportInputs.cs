using Crm.Host.Platform;
using Crm.Projections.Calendar;
using Crm.Projections.Customers;
using Crm.Projections.Filtering;
using Crm.Projections.Reports;
using Crm.Write;
using Microsoft.AspNetCore.Http.HttpResults;
using WriteScope = Crm.Write.Access.OwnerScope;

namespace Crm.Host.Reports;

/// <summary>The query parameters every report takes.</summary>
public sealed record ReportAsk(DateOnly? From, DateOnly? To, string? GroupBy, Guid? UserId, Guid? DepartmentId, string? Filter);

/// <summary>
/// A report's inputs checked, each refusal naming its parameter, and the caller's scopes resolved: per kind of record, the owners in
/// both the report permission's scope and the kind's list scope (a report never counts what the caller cannot list), the records
/// whose team the caller is on counted as the lists count them. userId / departmentId narrow within the report scope (404 outside).
/// </summary>
internal static class ReportInputs
{
    /// <summary>The longest range a report covers: three years of days, enough for "this year against the last two".</summary>
    public const int MaxDays = 1096;

    public static async Task<(ReportRequest? Request, ProblemHttpResult? Problem)> ReadAsync(
        ReportSpec spec, IReadOnlyList<string> groupBys, ReportAsk ask, string permission, ReportServices s)
    {
        var groupBy = ask.GroupBy ?? spec.DefaultGroupBy;
        if (!groupBys.Contains(groupBy))
            return Refused("groupBy", "group_by_invalid", $"The {spec.Name} report groups by {string.Join(", ", groupBys)}.");
        if (ask.UserId is not null && ask.DepartmentId is not null)
            return Refused("departmentId", "filter_ambiguous", "Pass userId or departmentId, not both.");
        // A customer report's caller who may not see contract and payment facts may not filter by them either.
        var fields = ReferenceEquals(spec.Fields, CustomerFilterFields.All)
            ? CustomerFilterFields.For(Write.Classification.ClassFacts.VisibleTo(s.Caller)) : spec.Fields;
        var (filter, errors) = FilterTree.Parse(ask.Filter, fields);
        if (errors.Count > 0) return (null, DomainError.Invalid(ListInputs.Faults(errors))!.ToProblem());

        var zone = await s.Zones.OfAsync(s.Http, s.Caller.ActorId, s.Ct);
        var now = CalendarZones.Local(s.Clock.GetUtcNow(), zone);
        var today = new DateOnly(now.Year, now.Month, now.Day);
        var last = ask.To ?? today;
        var first = ask.From ?? new DateOnly(last.Year, last.Month, 1);
        if (last < first) return Refused("to", "range_invalid", "to is before from.");
        if (last == DateOnly.MaxValue) return Refused("to", "range_invalid", "to is a day before 9999-12-31.");
        if (last.DayNumber - first.DayNumber >= MaxDays) return Refused("to", "range_too_long", $"A report covers at most {MaxDays} days.");

        var scope = s.Caller.VisibleOwners(permission);
        var (owners, missing) = await NarrowAsync(scope, ask, s);
        if (missing is not null) return (null, missing);
        var scopes = new ReportScopes(Both(scope, "lead.list", s), Both(scope, "customer.list", s), Both(scope, "opportunity.list", s),
            Both(scope, "contract.list", s), Both(scope, "payment.list", s), s.Caller.ActorId);
        return (new ReportRequest(scopes, new ReportWindow(first, last, zone, today), groupBy, filter, owners), null);
    }

    /// <summary>The owners userId or departmentId name, within the scope; a user or department outside it reads as missing (404).</summary>
    private static async Task<(IReadOnlyList<Guid>? Owners, ProblemHttpResult? Missing)> NarrowAsync(WriteScope scope, ReportAsk ask, ReportServices s)
    {
        if (ask.UserId is { } user)
        {
            // An "everyone" scope includes any id, so the user's existence is checked too: no zeros for a user who is not there.
            if (!scope.Includes(user) || await s.Users.GetAsync(user, s.Ct) is null)
                return (null, DomainError.NotFound("user_not_found", $"User {user} does not exist.").ToProblem());
            return ([user], null);
        }
        if (ask.DepartmentId is not { } department) return (null, null);
        var members = await s.Departments.DepartmentUsersAsync(department, s.Ct);
        if (members is null || (!scope.IsAll && !members.Any(scope.Includes)))
            return (null, DomainError.NotFound("department_not_found", $"Department {department} does not exist.").ToProblem());
        return (scope.IsAll ? members : [.. members.Where(scope.Includes)], null);
    }

    /// <summary>The owners both scopes reach: whom the caller reports on and whose records of the kind they list.</summary>
    private static Projections.OwnerScope Both(WriteScope report, string listPermission, ReportServices s)
    {
        var list = s.Caller.VisibleOwners(listPermission);
        if (report.IsAll && list.IsAll) return Projections.OwnerScope.Everyone;
        var owners = report.IsAll ? list.Owners : list.IsAll ? report.Owners : report.Owners.Intersect(list.Owners);
        return new Projections.OwnerScope(false, [.. owners]);
    }

    private static (ReportRequest?, ProblemHttpResult?) Refused(string field, string code, string message) =>
        (null, DomainProblems.Invalid(field, code, message));
}
