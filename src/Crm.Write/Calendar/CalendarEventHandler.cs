using Crm.Events;
using Crm.Projections.Calendar;
using Crm.Write.Access;
using Crm.Write.Tasks;

namespace Crm.Write.Calendar;

/// <summary>A new event as the caller asks for it: the caller organizes it.</summary>
public sealed record NewCalendarEvent(Guid? EventId, CalendarEventInput Fields, IReadOnlyList<Guid>? AttendeeIds, IReadOnlyList<RelatedRecord>? Related);

/// <summary>A change as the caller asks for it: null leaves a part as is; <paramref name="Related"/> is the list of links the caller sees.</summary>
public sealed record ChangeCalendarEvent(Guid EventId, CalendarEventInput Fields, IReadOnlyList<Guid>? AttendeeIds, IReadOnlyList<RelatedRecord>? Related);

/// <summary>An occurrence as the caller names it: the event and the occurrence's original start as sent.</summary>
public sealed record CancelOccurrenceAt(Guid EventId, string OriginalStart);

/// <summary>An occurrence's change as the caller asks for it.</summary>
public sealed record ChangeOccurrenceAt(Guid EventId, string OriginalStart, string? Title, string? Start, string? End);

/// <summary>
/// The calendar commands (WORK-3): gather the facts (attendees are enabled users, related records ones the caller sees — the tasks'
/// rule, <see cref="RelatedRecords"/>), apply the caller's reach to the event as its stream has it (<see cref="CalendarEventReach"/>),
/// decide, append. The feed's token is made by the host; only its hash reaches a command.
/// </summary>
public sealed class CalendarEventHandler(CommandHandler handler, Receivers receivers, RelatedRecords related, TimeProvider clock)
{
    public Task<CommandOutcome> CreateAsync(NewCalendarEvent command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.EventId ?? Guid.CreateVersion7();
        return handler.CreateAsync(CalendarEvent.Decider, id, async (state, t) =>
        {
            if (await AttendeesRefusal(command.AttendeeIds, t) is { } badAttendee) return badAttendee;
            var links = command.Related ?? [];
            if (await related.For(caller).CheckAsync(links, t) is { } badLink) return badLink;
            return CalendarEvent.Decide(new ScheduleEvent(id, command.Fields, caller.ActorId, command.AttendeeIds ?? [], links), state, Context(request));
        }, request, guard: null, freshId: command.EventId is null, ct);
    }

    /// <summary>The whole series: fields, attendees, links (the links the caller cannot see stay, as on tasks).</summary>
    public Task<CommandOutcome> EditAsync(ChangeCalendarEvent command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.EventId, caller, request, async (state, t) =>
        {
            if (await AttendeesRefusal(command.AttendeeIds, t) is { } badAttendee) return badAttendee;
            var (links, badLink) = await related.For(caller).ReplaceAsync(command.Related, state.Related, t);
            if (badLink is not null) return badLink;
            return CalendarEvent.Decide(new EditEvent(command.EventId, command.Fields, command.AttendeeIds, links), state, Context(request));
        }, ct);

    /// <summary>An attendee leaves: reach is reading (attendees only read), the decider checks they are one.</summary>
    public Task<CommandOutcome> LeaveAsync(LeaveEvent command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleReachedAsync(CalendarEvent.Decider, command.EventId,
            (state, _) => ValueTask.FromResult(CalendarEventReach.Check(command.EventId, state, caller, change: false)),
            (state, _) => ValueTask.FromResult(CalendarEvent.Decide(command, state, Context(request))), request, null, ct);

    public Task<CommandOutcome> CancelAsync(CancelEvent command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.EventId, caller, request, (state, _) => Task.FromResult(CalendarEvent.Decide(command, state, Context(request))), ct);

    public Task<CommandOutcome> CancelOccurrenceAsync(CancelOccurrenceAt command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.EventId, caller, request, (state, _) => Task.FromResult(CalendarEvent.Decide(
            new CancelOccurrence(command.EventId, OccurrenceOf(state, command.OriginalStart), command.OriginalStart), state, Context(request))), ct);

    public Task<CommandOutcome> ChangeOccurrenceAsync(ChangeOccurrenceAt command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.EventId, caller, request, (state, _) => Task.FromResult(CalendarEvent.Decide(
            new ChangeOccurrence(command.EventId, OccurrenceOf(state, command.OriginalStart), command.OriginalStart, command.Title, command.Start,
                command.End), state, Context(request))), ct);

    /// <summary>
    /// The fact the occurrence commands need: the key of the series' occurrence at the original start sent (a date-time for a timed series,
    /// a date for an all-day one), found by expanding the series; null when it has none there (or is no series).
    /// </summary>
    public static DateTimeOffset? OccurrenceOf(CalendarEventState state, string? originalStart)
    {
        if (!state.Exists || state.Fields.Rrule is null) return null;
        if (CalendarEventInput.Moment(new FieldChecks(), "originalStart", originalStart, state.Fields.AllDay, required: true) is not { } at) return null;
        var key = CalendarOccurrences.Key(state.Fields, at);
        return CalendarOccurrences.Has(state.Fields, key) ? key : null;
    }

    /// <summary>Issues the caller's feed token (its hash); the previous token stops working in the same append.</summary>
    public Task<CommandOutcome> IssueFeedAsync(IssueCalendarFeed command, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(CalendarFeed.Decider, Projections.Calendar.CalendarFeedRow.StreamOf(command.UserId),
            (state, _, _) => ValueTask.FromResult(CalendarFeed.Decide(command, state)), request, ct);

    public Task<CommandOutcome> RevokeFeedAsync(RevokeCalendarFeed command, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(CalendarFeed.Decider, Projections.Calendar.CalendarFeedRow.StreamOf(command.UserId),
            (state, _, _) => ValueTask.FromResult(CalendarFeed.Decide(command, state)), request, ct);

    /// <summary>Attendees are enabled users (any department, as task participants); each bad one 422 naming attendeeIds[i].</summary>
    private async Task<DomainError?> AttendeesRefusal(IReadOnlyList<Guid>? attendees, CancellationToken ct)
    {
        var list = attendees ?? [];
        if (list.Distinct().Count() > CalendarEvent.MaxAttendees) return null; // the decider names the count
        foreach (var (id, i) in Receivers.Once(list))
        {
            if (await receivers.CheckAsync(id, $"attendeeIds[{i}]", OwnerScope.All, ct) is { } bad) return bad;
        }
        return null;
    }

    /// <summary>The caller's reach on the event as its stream has it first (only the organizer changes it), then If-Match, then the decider.</summary>
    private Task<CommandOutcome> Reached(Guid id, Caller caller, CommandRequest request,
        Func<CalendarEventState, CancellationToken, Task<Decision>> decide, CancellationToken ct) =>
        handler.HandleReachedAsync(CalendarEvent.Decider, id,
            (state, _) => ValueTask.FromResult(CalendarEventReach.Check(id, state, caller, change: true)),
            async (state, t) => await decide(state, t), request, null, ct);

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}
