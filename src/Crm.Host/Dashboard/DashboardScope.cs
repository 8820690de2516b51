using Crm.Host.Access;
using Crm.Host.Org;
using Crm.Host.Platform;
using Crm.Projections.Calendar;
using Crm.Projections.Dashboard;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Dashboard;

/// <summary>
/// A dashboard request resolved: its period in days and instants of the zone, and the owners its figures cover (null: all) — by the
/// dashboard.view scope, and for figures another permission guards, by that permission's scope too (<see cref="OwnersFor"/>).
/// </summary>
public sealed record DashboardScope(DashboardPeriod Period, string TimeZone, Guid[]? Owners, Guid? UserId, Guid? DepartmentId,
    Crm.Write.Caller? Caller = null)
{
    /// <summary>
    /// The owners whose figures of <paramref name="permission"/>'s records (contract.list: contract amounts; payment.list: payments;
    /// opportunity.list: the funnel; target.list: KPIs) the caller may see: the dashboard's owners within that permission's scope, so
    /// dashboard.view never shows money its holder could not list. Without a caller (the benchmark): the dashboard's owners.
    /// </summary>
    public Guid[]? OwnersFor(string permission)
    {
        if (Caller is null) return Owners;
        var other = Caller.VisibleOwners(permission);
        if (other.IsAll) return Owners;
        return Owners is null ? other.ForSql() : Owners.Where(other.Includes).ToArray();
    }

    public const int MaxCustomDays = 1100;

    public DashboardPeriodResponse Response() => new(Period.Name, Period.First, Period.Last, Period.PreviousFirst, Period.PreviousLast, TimeZone, UserId,
        DepartmentId);

    public InstantPeriod Instants(DateOnly first, DateOnly last) =>
        new(CalendarZones.StartOfDay(first, TimeZone), CalendarZones.StartOfDay(last.AddDays(1), TimeZone));

    /// <summary>Checks the query (400 naming the field) and the narrowing (404 for a user or department outside the scope).</summary>
    public static async Task<(DashboardScope? Scope, ProblemHttpResult? Problem)> ResolveAsync(DashboardQuery q, HttpContext http, CallerAccess caller,
        CallerZones zones, OwnerNarrowing narrowing, TimeProvider clock, CancellationToken ct)
    {
        var name = q.Period ?? (q.From is not null || q.To is not null ? DashboardPeriod.Custom : "this_month");
        if (!DashboardPeriod.Names.Contains(name))
            return (null, DomainProblems.Invalid("period", "period_invalid", "period is one of " + string.Join(", ", DashboardPeriod.Names) + "."));
        if (name != DashboardPeriod.Custom && (q.From is not null || q.To is not null))
            return (null, DomainProblems.Invalid(q.From is not null ? "from" : "to", "range_unexpected", "from and to go with period=custom only."));
        if (name == DashboardPeriod.Custom && (q.From is null || q.To is null))
            return (null, DomainProblems.Invalid(q.From is null ? "from" : "to", "range_required", "A custom period needs from and to."));
        if (q.From is { } from && q.To is { } to)
        {
            if (to < from) return (null, DomainProblems.Invalid("to", "range_invalid", "to is before from."));
            if (to.DayNumber - from.DayNumber >= MaxCustomDays)
                return (null, DomainProblems.Invalid("to", "range_too_long", $"A custom period covers at most {MaxCustomDays} days."));
            if (from.Year < 1900 || to.Year > 9000) return (null, DomainProblems.Invalid("from", "range_invalid", "The days are between 1900 and 9000."));
        }
        var zone = q.TimeZone ?? await zones.OfAsync(http, caller.ActorId, ct);
        if (!CalendarZones.IsKnown(zone))
            return (null, DomainProblems.Invalid("timeZone", "time_zone_invalid", "Send timeZone: an IANA time zone id, e.g. Asia/Shanghai, or UTC."));
        var (owners, problem) = await narrowing.OwnersAsync(caller.VisibleOwners("dashboard.view"), q.UserId, q.DepartmentId, "userId", ct);
        if (problem is not null) return (null, problem);
        var today = CalendarZones.Local(clock.GetUtcNow(), zone).Date;
        var period = DashboardPeriod.Of(name, new DateOnly(today.Year, today.Month, today.Day), q.From ?? default, q.To ?? default);
        return (new DashboardScope(period, zone, owners, q.UserId, q.DepartmentId, caller), null);
    }
}
