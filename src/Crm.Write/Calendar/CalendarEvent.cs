using Crm.Events;
using Crm.Events.Calendar;

namespace Crm.Write.Calendar;

/// <summary>
/// The calendar event decider (WORK-3): one event or one series per stream, its exceptions ("this occurrence only") in the same stream.
/// Pure: attendees and related records are checked by <see cref="CalendarEventHandler"/> before a decision.
/// </summary>
public static class CalendarEvent
{
    public const string StreamType = "calendar-event";
    public const int MaxAttendees = 50;
    public const int MaxRelated = 20;
    public const int MaxExceptions = 200;

    public static Decider<CalendarEventState> Decider { get; } = new(StreamType, CalendarEventState.None, CalendarEventState.Evolve);

    public static Decision Decide(ScheduleEvent command, CalendarEventState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("calendar_event_exists", $"Calendar event {command.EventId} already exists.", "id");
        var (fields, invalid) = command.Fields.Validate();
        if (invalid is not null) return invalid;
        if (Lists(command.AttendeeIds, command.Related) is { } tooMany) return tooMany;
        return Decision.Accept(new CalendarEventScheduled(command.EventId, fields!, command.OrganizerId,
            command.AttendeeIds.Distinct().Where(a => a != command.OrganizerId).ToList(), command.Related.Distinct().ToList()));
    }

    /// <summary>Changes of the whole series; a change of its timing (start, all-day, zone, rule) drops its exceptions, which no longer match.</summary>
    public static Decision Decide(EditEvent command, CalendarEventState state, CommandContext context)
    {
        if (Open(state, command.EventId) is { } refused) return refused;
        var (fields, invalid) = command.Fields.Over(state.Fields).Validate();
        if (invalid is not null) return invalid;
        if (Lists(command.AttendeeIds ?? [], command.Related ?? []) is { } tooMany) return tooMany;
        var events = new List<object>();
        var changes = state.Fields.ChangesTo(fields!);
        if (changes.Count > 0) events.Add(new CalendarEventEdited(state.Id, changes));
        if (state.Exceptions.Count > 0 && changes.Any(c => CalendarEventFields.Timing.Contains(c.Field))) events.Add(new CalendarOccurrencesReset(state.Id));
        if (command.AttendeeIds is { } attendees)
        {
            var wanted = attendees.Distinct().Where(a => a != state.OrganizerId).ToList();
            var (added, removed) = (wanted.Except(state.AttendeeIds).ToList(), state.AttendeeIds.Except(wanted).ToList());
            if (added.Count + removed.Count > 0) events.Add(new CalendarAttendeesChanged(state.Id, added, removed));
        }
        if (command.Related is { } related)
        {
            var wanted = related.Distinct().ToList();
            var (linked, unlinked) = (wanted.Except(state.Related).ToList(), state.Related.Except(wanted).ToList());
            if (linked.Count + unlinked.Count > 0) events.Add(new CalendarRelatedChanged(state.Id, linked, unlinked));
        }
        return events.Count == 0 ? Decision.Nothing : Decision.Accept([.. events]);
    }

    /// <summary>Cancelling a cancelled event again changes nothing (DELETE is idempotent).</summary>
    public static Decision Decide(CancelEvent command, CalendarEventState state, CommandContext context) =>
        !state.Exists ? NotFound(command.EventId) : state.Cancelled ? Decision.Nothing : Decision.Accept(new CalendarEventCancelled(state.Id));

    /// <summary>
    /// An attendee takes themself off the event (an attendees change by them, the organizer's list less one): nobody is kept on an event
    /// they did not choose. Anyone else — the organizer, a reader by data scope — is 409 not_an_attendee.
    /// </summary>
    public static Decision Decide(LeaveEvent command, CalendarEventState state, CommandContext context)
    {
        if (Open(state, command.EventId) is { } refused) return refused;
        if (context.ActorId is not { } me || !state.AttendeeIds.Contains(me))
            return DomainError.Conflict(NotAnAttendeeCode, "Only an attendee leaves an event; the organizer cancels it.");
        return Decision.Accept(new CalendarAttendeesChanged(state.Id, [], [me]));
    }

    public const string NotAnAttendeeCode = "not_an_attendee";

    public static Decision Decide(CancelOccurrence command, CalendarEventState state, CommandContext context)
    {
        if (Occurrence(state, command.EventId, command.OriginalStart, command.Sent) is { } refused) return refused;
        var original = command.OriginalStart!.Value;
        if (state.FindException(original) is { Cancelled: true }) return Decision.Nothing;
        return Full(state, original) ?? Decision.Accept(new CalendarOccurrenceCancelled(state.Id, original));
    }

    /// <summary>Moves or changes one occurrence; a cancelled one so changed is back, at its new times.</summary>
    public static Decision Decide(ChangeOccurrence command, CalendarEventState state, CommandContext context)
    {
        if (Occurrence(state, command.EventId, command.OriginalStart, command.Sent) is { } refused) return refused;
        var original = command.OriginalStart!.Value;
        var input = new CalendarEventInput(command.Title ?? state.Fields.Title, null, null, command.Start, command.End, state.Fields.AllDay,
            state.Fields.TimeZone);
        var (fields, invalid) = input.Validate();
        if (invalid is not null) return invalid;
        var change = new CalendarOccurrenceChange(command.Title is null ? null : fields!.Title, fields!.Start, fields.End);
        if (state.FindException(original) is { Cancelled: false } same && (same.Title, same.Start, same.End) == (change.Title, change.Start, change.End))
            return Decision.Nothing;
        return Full(state, original) ?? Decision.Accept(new CalendarOccurrenceChanged(state.Id, original, change));
    }

    /// <summary>Null when the event is open and the handler found the occurrence; else the refusal.</summary>
    private static DomainError? Occurrence(CalendarEventState state, Guid id, DateTimeOffset? originalStart, string sent) =>
        Open(state, id) ?? (originalStart is null && state.Exists
            ? DomainError.NotFound("occurrence_not_found",
                $"Calendar event {id} has no occurrence starting at {sent} (a single event has none: change the event itself).")
            : null);

    private static DomainError? Full(CalendarEventState state, DateTimeOffset original) =>
        state.FindException(original) is null && state.Exceptions.Count >= MaxExceptions
            ? DomainError.Conflict("occurrences_full", $"A series has at most {MaxExceptions} changed or cancelled occurrences.")
            : null;

    /// <summary>Null when the event exists and is not cancelled; else its refusal.</summary>
    private static DomainError? Open(CalendarEventState state, Guid id) =>
        !state.Exists ? NotFound(id)
        : state.Cancelled ? DomainError.Conflict("calendar_event_cancelled", $"Calendar event {id} is cancelled: it takes no more changes.")
        : null;

    private static DomainError? Lists(IReadOnlyList<Guid> attendees, IReadOnlyList<RelatedRecord> related)
    {
        var checks = new FieldChecks();
        if (attendees.Distinct().Count() > MaxAttendees)
            checks.Fail("attendeeIds", "attendees_too_many", $"attendeeIds: at most {MaxAttendees} users.");
        if (related.Distinct().Count() > MaxRelated) checks.Fail("related", "related_too_many", $"related: at most {MaxRelated} records.");
        return DomainError.Invalid(checks.Errors);
    }

    internal static DomainError NotFound(Guid id) => Access.RecordAccess.NotFound(CalendarEventReach.Kind, id);
}

/// <summary>The feed decider: issuing always replaces the token; revoking a feed with none is a no-op.</summary>
public static class CalendarFeed
{
    public const string StreamType = "calendar-feed";

    public static Decider<CalendarFeedState> Decider { get; } = new(StreamType, CalendarFeedState.None, CalendarFeedState.Evolve);

    public static Decision Decide(IssueCalendarFeed command, CalendarFeedState state) =>
        Decision.Accept(new CalendarFeedIssued(command.UserId, command.TokenHash));

    public static Decision Decide(RevokeCalendarFeed command, CalendarFeedState state) =>
        state.Active ? Decision.Accept(new CalendarFeedRevoked(command.UserId)) : Decision.Nothing;
}
