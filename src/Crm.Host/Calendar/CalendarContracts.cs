using Crm.Host.Platform;
using Crm.Host.Tasks;
using Crm.Projections.Calendar;
using Crm.Write.Calendar;

namespace Crm.Host.Calendar;

/// <summary>A new calendar event (WORK-3); you organize it.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="Title">Required, at most 200 characters.</param>
/// <param name="Start">Timed: ISO 8601 date-time with an offset (a time without one is refused: 400 start_invalid). All-day: a date (yyyy-MM-dd).</param>
/// <param name="End">Timed: required, after start, at most 31 days later. All-day: the last day (included); start's day when absent.</param>
/// <param name="AllDay">Whether start and end are dates; false by default.</param>
/// <param name="TimeZone">IANA time zone id the event lives in (recurrence is expanded in it); "UTC" when absent.</param>
/// <param name="Rrule">RFC 5545 RRULE subset: FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY (weekly), COUNT (≤ 1000) or UNTIL; else 400 rrule_unsupported.</param>
/// <param name="ReminderMinutes">Minutes before each occurrence's start to remind organizer and attendees; at most 5, each 0..40320.</param>
/// <param name="AttendeeIds">Enabled users, at most 50 (duplicates and the organizer dropped).</param>
/// <param name="Related">Records the event is about, at most 20, each one you can see.</param>
public sealed record CreateCalendarEventRequest(Guid? Id, [property: MustSend] string? Title, string? Description, string? Location,
    [property: MustSend] string? Start, string? End, bool? AllDay, string? TimeZone, string? Rrule, IReadOnlyList<int>? ReminderMinutes,
    IReadOnlyList<Guid>? AttendeeIds, IReadOnlyList<RelatedRecordRequest>? Related)
{
    public NewCalendarEvent Command() => new(Id, new CalendarEventInput(Title, Description, Location, Start, End, AllDay, TimeZone, Rrule,
        ReminderMinutes), AttendeeIds, RelatedRecordRequest.Of(Related));
}

/// <summary>Changes of the whole event or series: only what is sent changes; "" clears description, location or rrule; lists sent replace the lists.</summary>
/// <param name="Related">The records you see the event about; links to records you cannot see stay as they are.</param>
public sealed record UpdateCalendarEventRequest(string? Title, string? Description, string? Location, string? Start, string? End, bool? AllDay,
    string? TimeZone, string? Rrule, IReadOnlyList<int>? ReminderMinutes, IReadOnlyList<Guid>? AttendeeIds, IReadOnlyList<RelatedRecordRequest>? Related)
{
    public ChangeCalendarEvent Command(Guid id) => new(id, new CalendarEventInput(Title, Description, Location, Start, End, AllDay, TimeZone,
        Rrule, ReminderMinutes), AttendeeIds, RelatedRecordRequest.Of(Related));
}

/// <summary>One occurrence moved or changed ("this occurrence only"), in the series' kind (date-times with an offset, or dates).</summary>
/// <param name="Title">This occurrence's own title; the series' when absent.</param>
public sealed record ChangeOccurrenceRequest(string? Title, [property: MustSend] string? Start, [property: MustSend] string? End);

/// <summary>An occurrence of the series cancelled or changed on its own.</summary>
/// <param name="OriginalStart">The key of the occurrence, as the occurrence routes take it: a UTC date-time, or a date for all-day series.</param>
/// <param name="Start">A changed occurrence's start (UTC); null when cancelled.</param>
public sealed record CalendarExceptionResponse(string OriginalStart, bool Cancelled, string? Title, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>A calendar event or series.</summary>
/// <param name="Start">The (first) occurrence's start in UTC; an all-day event's first day begins in its time zone.</param>
/// <param name="StartDate">An all-day event's first day (yyyy-MM-dd); null for a timed one.</param>
/// <param name="EndDate">An all-day event's last day, included; null for a timed one.</param>
/// <param name="Version">Its stream version; the same value as the ETag.</param>
public sealed record CalendarEventResponse(
    Guid Id, string Title, string? Description, string? Location, DateTimeOffset Start, DateTimeOffset End, bool AllDay, string? StartDate,
    string? EndDate, string TimeZone, string? Rrule, IReadOnlyList<int> ReminderMinutes, Guid OrganizerId, IReadOnlyList<Guid> AttendeeIds,
    IReadOnlyList<RelatedLinkResponse> Related, IReadOnlyList<CalendarExceptionResponse> Exceptions,
    [property: WireValues(typeof(CalendarEventStatuses), nameof(CalendarEventStatuses.All))] string Status, long Version, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One item of a calendar: an event's occurrence, an open task's due time or a follow-up's next contact time.</summary>
/// <param name="Type">event, task or follow_up.</param>
/// <param name="Id">The event's, task's or follow-up's id.</param>
/// <param name="Start">UTC.</param>
/// <param name="End">UTC; a task's or follow-up's equals its start.</param>
/// <param name="LocalStart">Start in the display time zone, with that moment's offset.</param>
/// <param name="LocalEnd">End in the display time zone.</param>
/// <param name="OriginalStart">An occurrence of a series: its key for the occurrence routes; null otherwise.</param>
/// <param name="Changed">An occurrence changed on its own.</param>
/// <param name="RecordType">A follow-up's record: lead, customer, contact or opportunity; null otherwise.</param>
/// <param name="RecordId">A follow-up's record id; null otherwise.</param>
public sealed record CalendarItemResponse([property: WireValues(CalendarItemTypes.Event, CalendarItemTypes.Task, CalendarItemTypes.FollowUp)] string Type,
    Guid Id, string Title, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset LocalStart, DateTimeOffset LocalEnd, bool AllDay,
    string? OriginalStart, bool Changed, string? RecordType, Guid? RecordId);

/// <summary>The items of a calendar's type.</summary>
public static class CalendarItemTypes
{
    public const string Event = "event";
    public const string Task = "task";
    public const string FollowUp = "follow_up";
}

/// <summary>Your calendar over [from, to), by start.</summary>
/// <param name="TimeZone">The display zone of localStart / localEnd.</param>
/// <param name="Truncated">True when a bound cut the answer (at most 5000 items; 2000 events, tasks or follow-ups read): ask a shorter window.</param>
public sealed record CalendarResponse(DateTimeOffset From, DateTimeOffset To, string TimeZone, IReadOnlyList<CalendarItemResponse> Items, bool Truncated);

/// <summary>Your calendar feed's secret URL: subscribe to it from Outlook or Google Calendar. Shown once: only its hash is kept.</summary>
public sealed record CalendarFeedResponse(string Url);

/// <summary>An event's operation log, oldest first; links to records you cannot see read "kind:hidden".</summary>
public sealed record CalendarEventHistoryResponse(Guid Id, IReadOnlyList<Projections.Org.HistoryEntry> Items);
