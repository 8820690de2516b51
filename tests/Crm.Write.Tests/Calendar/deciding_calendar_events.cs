using Crm.Events;
using Crm.Events.Calendar;
using Crm.Write.Calendar;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Calendar;

/// <summary>The calendar event decider: fields normalized, timing changes drop exceptions, occurrences refused when cancelled or too many.</summary>
public sealed class deciding_calendar_events
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Organizer = Guid.CreateVersion7();
    private static readonly Guid Colleague = Guid.CreateVersion7();

    private static readonly CalendarEventFields Weekly = new("Review", null, null, DateTimeOffset.Parse("2030-03-25T08:00:00Z"),
        DateTimeOffset.Parse("2030-03-25T09:00:00Z"), false, "Europe/Berlin", "FREQ=WEEKLY;COUNT=300", []);

    private static CalendarEventState Given(params object[] events) => CalendarEvent.Decider.Fold(CalendarEvent.Decider.Initial, events);

    private static readonly CalendarEventScheduled Scheduled = new(Id, Weekly, Organizer, [Colleague], []);

    [Fact]
    public void an_event_is_scheduled_in_utc_with_its_rule_canonical_and_the_organizer_not_among_the_attendees()
    {
        var input = new CalendarEventInput(" Review ", "", null, "2030-03-25T09:00:00+01:00", "2030-03-25T10:00:00+01:00", null, "Europe/Berlin",
            "rrule:freq=weekly;count=300", [15, 15, 5]);
        ThenEvents(CalendarEvent.Decide(new ScheduleEvent(Id, input, Organizer, [Colleague, Organizer, Colleague], []), Given(), As(Organizer)),
            new CalendarEventScheduled(Id, Weekly with { ReminderMinutes = [5, 15] }, Organizer, [Colleague], []));
    }

    [Fact]
    public void a_second_schedule_on_the_stream_is_refused()
    {
        var input = new CalendarEventInput("x", Start: "2030-03-25T09:00:00Z", End: "2030-03-25T10:00:00Z");
        ThenRefused(CalendarEvent.Decide(new ScheduleEvent(Id, input, Organizer, [], []), Given(Scheduled), As(Organizer)), ErrorKind.Conflict,
            "calendar_event_exists");
    }

    [Fact]
    public void a_new_start_drops_the_exceptions_and_a_new_title_keeps_them()
    {
        var cancelled = new CalendarOccurrenceCancelled(Id, DateTimeOffset.Parse("2030-04-01T07:00:00Z"));
        ThenEvents(CalendarEvent.Decide(new EditEvent(Id, new CalendarEventInput(Title: "Sync")), Given(Scheduled, cancelled), As(Organizer)),
            new CalendarEventEdited(Id, [new FieldChange("title", "Review", "Sync")]));
        ThenEvents(CalendarEvent.Decide(new EditEvent(Id, new CalendarEventInput(Start: "2030-03-25T07:00:00Z", End: "2030-03-25T08:00:00Z")),
                Given(Scheduled, cancelled), As(Organizer)),
            new CalendarEventEdited(Id, [new FieldChange("start", "2030-03-25T08:00:00Z", "2030-03-25T07:00:00Z"),
                new FieldChange("end", "2030-03-25T09:00:00Z", "2030-03-25T08:00:00Z")]), new CalendarOccurrencesReset(Id));
    }

    [Fact]
    public void a_series_takes_at_most_200_exceptions_and_a_cancelled_event_none()
    {
        var start = DateTimeOffset.Parse("2030-03-25T08:00:00Z");
        var full = Given([Scheduled, .. Enumerable.Range(0, CalendarEvent.MaxExceptions).Select(i => new CalendarOccurrenceCancelled(Id, start.AddDays(7 * i)))]);
        var next = start.AddDays(7 * CalendarEvent.MaxExceptions);
        ThenRefused(CalendarEvent.Decide(new CancelOccurrence(Id, next, "x"), full, As(Organizer)), ErrorKind.Conflict, "occurrences_full");
        Assert.Empty(CalendarEvent.Decide(new CancelOccurrence(Id, start, "x"), full, As(Organizer)).Events);
        ThenRefused(CalendarEvent.Decide(new CancelOccurrence(Id, start, "x"), Given(Scheduled, new CalendarEventCancelled(Id)), As(Organizer)),
            ErrorKind.Conflict, "calendar_event_cancelled");
        ThenRefused(CalendarEvent.Decide(new CancelOccurrence(Id, null, "x"), Given(Scheduled), As(Organizer)), ErrorKind.NotFound, "occurrence_not_found");
    }

    [Fact]
    public void the_handler_finds_an_occurrence_by_its_original_start_in_any_offset_and_none_between()
    {
        var state = Given(Scheduled);
        Assert.Equal(DateTimeOffset.Parse("2030-04-01T07:00:00Z"), CalendarEventHandler.OccurrenceOf(state, "2030-04-01T09:00:00+02:00"));
        Assert.Null(CalendarEventHandler.OccurrenceOf(state, "2030-04-01T08:00:00Z"));
        Assert.Null(CalendarEventHandler.OccurrenceOf(state, "2030-04-01"));
        Assert.Null(CalendarEventHandler.OccurrenceOf(Given(new CalendarEventScheduled(Id, Weekly with { Rrule = null }, Organizer, [], [])),
            "2030-03-25T08:00:00Z"));
    }

    [Fact]
    public void an_attendee_leaves_alone_and_nobody_else_can_leave()
    {
        ThenEvents(CalendarEvent.Decide(new LeaveEvent(Id), Given(Scheduled), As(Colleague)), new CalendarAttendeesChanged(Id, [], [Colleague]));
        Assert.Empty(Given(Scheduled, new CalendarAttendeesChanged(Id, [], [Colleague])).AttendeeIds);
        ThenRefused(CalendarEvent.Decide(new LeaveEvent(Id), Given(Scheduled), As(Organizer)), ErrorKind.Conflict, CalendarEvent.NotAnAttendeeCode);
        ThenRefused(CalendarEvent.Decide(new LeaveEvent(Id), Given(Scheduled, new CalendarEventCancelled(Id)), As(Colleague)), ErrorKind.Conflict,
            "calendar_event_cancelled");
    }
}
