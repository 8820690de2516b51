using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Calendar;
using Crm.Write;
using Crm.Write.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Calendar;

public static partial class CalendarEndpoints
{
    private static void MapCalendarWrites(this RouteGroupBuilder group)
    {
        group.MapPost("/events", Create).WithName("CreateCalendarEvent").RequirePermission("schedule.create").AsCommand(CommandHeaders.IdempotencyKey)
            .Documented(CalendarApiDocs.Create);
        group.MapPatch("/events/{id}", Update).WithName("UpdateCalendarEvent").RequirePermission("schedule.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(CalendarApiDocs.Update);
        group.MapPost("/events/{id}/leave", Leave).WithName("LeaveCalendarEvent").RequirePermission("schedule.list")
            .AsCommand(CommandHeaders.IfMatch).Documented(CalendarApiDocs.Leave);
        group.MapDelete("/events/{id}", Cancel).WithName("CancelCalendarEvent").RequirePermission("schedule.delete").AsCommand(CommandHeaders.IfMatch)
            .Documented(CalendarApiDocs.Cancel);
        group.MapPut("/events/{id}/occurrences/{originalStart}", ChangeOccurrence).WithName("ChangeCalendarOccurrence")
            .RequirePermission("schedule.edit").AsCommand(CommandHeaders.IfMatch).Documented(CalendarApiDocs.ChangeOccurrence);
        group.MapDelete("/events/{id}/occurrences/{originalStart}", CancelOccurrence).WithName("CancelCalendarOccurrence")
            .RequirePermission("schedule.edit").AsCommand(CommandHeaders.IfMatch).Documented(CalendarApiDocs.CancelOccurrence);
    }

    /// <summary>Put an event in the schedule.</summary>
    private static async Task<Results<Created<CalendarEventResponse>, ProblemHttpResult>> Create(CreateCalendarEventRequest body,
        [AsParameters] CalendarServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await s.Handler.CreateAsync(body.Command(), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await s.Http.CreatedAsync<CalendarEventRow>(outcome, "Calendar event", CalendarEventRow.Evolve,
            (id, version, t) => s.Store.ReadAsOfAsync<CalendarEventRow>(id, version, null, CalendarEventRow.Evolve, t), r => r.Version, s.Ct);
        return TypedResults.Created($"/api/calendar/events/{outcome.StreamId}", await CalendarResponses.FromAsync(row, s.View(), s.Ct));
    }

    /// <summary>Change a calendar event (the whole series).</summary>
    /// <param name="id">The event's id.</param>
    private static async Task<Results<Ok<CalendarEventResponse>, ProblemHttpResult>> Update(Guid id, UpdateCalendarEventRequest body,
        [AsParameters] CalendarServices s) =>
        await Answer(await s.Handler.EditAsync(body.Command(id), s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Cancel a calendar event.</summary>
    /// <param name="id">The event's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Cancel(Guid id, [AsParameters] CalendarServices s)
    {
        var outcome = await s.Handler.CancelAsync(new CancelEvent(id), s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>Leave an event you attend (decline it).</summary>
    /// <param name="id">The event's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Leave(Guid id, [AsParameters] CalendarServices s)
    {
        var outcome = await s.Handler.LeaveAsync(new LeaveEvent(id), s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>Move or change one occurrence of a series.</summary>
    /// <param name="id">The event's id.</param>
    /// <param name="originalStart">The occurrence's original start: a date-time with an offset, or a date (yyyy-MM-dd) for all-day series.</param>
    private static async Task<Results<Ok<CalendarEventResponse>, ProblemHttpResult>> ChangeOccurrence(Guid id, string originalStart,
        ChangeOccurrenceRequest body, [AsParameters] CalendarServices s) =>
        !CalendarEventInput.LooksLikeMoment(originalStart) ? BadOccurrence()
        : await Answer(await s.Handler.ChangeOccurrenceAsync(new ChangeOccurrenceAt(id, originalStart, body.Title, body.Start, body.End),
            s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Cancel one occurrence of a series.</summary>
    /// <param name="id">The event's id.</param>
    /// <param name="originalStart">The occurrence's original start: a date-time with an offset, or a date (yyyy-MM-dd) for all-day series.</param>
    private static async Task<Results<Ok<CalendarEventResponse>, ProblemHttpResult>> CancelOccurrence(Guid id, string originalStart,
        [AsParameters] CalendarServices s) =>
        !CalendarEventInput.LooksLikeMoment(originalStart) ? BadOccurrence()
        : await Answer(await s.Handler.CancelOccurrenceAsync(new CancelOccurrenceAt(id, originalStart), s.Caller, s.Http.Command(), s.Ct), s);

    private static ProblemHttpResult BadOccurrence() => DomainProblems.Invalid("originalStart", "original_start_invalid",
        "originalStart is the occurrence's original start: a date-time with an offset (2026-03-30T07:00:00Z), or a date for an all-day series.");

    /// <summary>The refusal, or the event as the command left it (read at the version it wrote), with its ETag.</summary>
    private static async Task<Results<Ok<CalendarEventResponse>, ProblemHttpResult>> Answer(CommandOutcome outcome, CalendarServices s)
    {
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await s.Http.WrittenAsync(outcome, "Calendar event",
            (id, version, t) => s.Store.ReadAsOfAsync<CalendarEventRow>(id, version, null, CalendarEventRow.Evolve, t), r => r.Version, s.Ct);
        return TypedResults.Ok(await CalendarResponses.FromAsync(row, s.View(), s.Ct));
    }
}
