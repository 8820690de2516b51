using Crm.Events;
using Crm.Host.Access;
using Crm.Host.Org;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Calendar;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Calendar;

/// <summary>
/// /api/calendar (WORK-3): the caller's merged calendar, and the events' reads; each endpoint parses, calls the handler (writes) or the
/// queries after the access policy (reads), and maps the answer, masking links to records the caller cannot see.
/// </summary>
public static partial class CalendarEndpoints
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    public static RouteGroupBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar").RequireAuthorization();
        group.MapGet("/", View).WithName("GetCalendar").RequirePermission("schedule.list").Documented(CalendarApiDocs.View);
        group.MapGet("/events/{id}", Get).WithName("GetCalendarEvent").RequirePermission("schedule.list").Documented(CalendarApiDocs.Get);
        group.MapGet("/events/{id}/history", History).WithName("GetCalendarEventHistory").RequirePermission("schedule.list")
            .Documented(CalendarApiDocs.History);
        group.MapCalendarWrites();
        group.MapCalendarFeed();
        app.MapCalendarIcs();
        return group;
    }

    /// <summary>Your calendar over a window.</summary>
    /// <param name="from">Window start: ISO 8601 date-time with an offset (required).</param>
    /// <param name="to">Window end (excluded): after from, at most 366 days later.</param>
    /// <param name="timeZone">IANA zone of localStart / localEnd; by default your own time zone (UTC until you set one).</param>
    private static async Task<Results<Ok<CalendarResponse>, ProblemHttpResult>> View(string? from, string? to, string? timeZone,
        CallerZones zones, [AsParameters] CalendarServices s)
    {
        var checks = new FieldChecks();
        // An unencoded "+08:00" in a query arrives as " 08:00": read it as the offset it was.
        var start = CalendarEventInput.Moment(checks, "from", from?.Replace(' ', '+'), allDay: false, required: true);
        var end = CalendarEventInput.Moment(checks, "to", to?.Replace(' ', '+'), allDay: false, required: true);
        var zone = string.IsNullOrWhiteSpace(timeZone) ? await zones.OfAsync(s.Http, s.Caller.ActorId, s.Ct) : timeZone;
        if (!CalendarZones.IsKnown(zone)) checks.Fail("timeZone", "time_zone_invalid", "timeZone is an IANA time zone id, e.g. Europe/Berlin.");
        if (DomainError.Invalid(checks.Errors) is { } invalid) return invalid.ToProblem();
        if (end <= start) return DomainProblems.Invalid("to", "window_invalid", "to is after from.");
        if (end - start > MaxWindow) return DomainProblems.Invalid("to", "window_too_long", $"A calendar window is at most {MaxWindow.TotalDays} days.");
        return TypedResults.Ok(await CalendarView.ForAsync(s.Caller.ActorId, start!.Value, end!.Value, zone, s.Calendar, s.View(), s.Ct));
    }

    /// <summary>Read a calendar event, now or as it was.</summary>
    /// <param name="id">The event's id.</param>
    /// <param name="version">Show it as it was at this version.</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<CalendarEventResponse>, ProblemHttpResult>> Get(Guid id, long? version, DateTimeOffset? asOf,
        [AsParameters] CalendarServices s)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var (row, refusal) = await s.Reach.CheckAsync(id, s.Caller, s.Ct);
        if (refusal is not null) return refusal.ToProblem();
        if (version is not null || asOf is not null)
        {
            row = await s.Store.ReadAsOfAsync<CalendarEventRow>(id, version, asOf, CalendarEventRow.Evolve, s.Ct);
            if (row is null) return RecordAccess.NotFound(CalendarEventReach.Kind, id).ToProblem();
        }
        s.Http.Response.SetETag(row!.Version);
        return TypedResults.Ok(await CalendarResponses.FromAsync(row, s.View(), s.Ct));
    }

    /// <summary>A calendar event's operation log.</summary>
    /// <param name="id">The event's id.</param>
    private static async Task<Results<Ok<CalendarEventHistoryResponse>, ProblemHttpResult>> History(Guid id, [AsParameters] CalendarServices s)
    {
        if ((await s.Reach.CheckAsync(id, s.Caller, s.Ct)).Refusal is { } hidden) return hidden.ToProblem();
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        var view = s.View();
        var seen = new Dictionary<RelatedRecord, bool>();
        foreach (var link in events.SelectMany(e => Links(e.Data)).Distinct()) seen[link] = await view.SeesAsync(link, s.Ct);
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new CalendarEventHistoryResponse(id, CalendarHistory.Of(events, link => seen.GetValueOrDefault(link))));
    }

    private static IEnumerable<RelatedRecord> Links(object data) => data switch
    {
        Events.Calendar.CalendarEventScheduled x => x.Related,
        Events.Calendar.CalendarRelatedChanged x => [.. x.Linked, .. x.Unlinked],
        _ => [],
    };
}
