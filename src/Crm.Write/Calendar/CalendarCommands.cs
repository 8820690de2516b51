using Crm.Events;

namespace Crm.Write.Calendar;

/// <summary>A new event; the organizer is the caller; attendees and related records already checked by the handler.</summary>
public sealed record ScheduleEvent(Guid EventId, CalendarEventInput Fields, Guid OrganizerId, IReadOnlyList<Guid> AttendeeIds,
    IReadOnlyList<RelatedRecord> Related);

/// <summary>A change of the whole series: the fields sent (null: leave), attendees and related records when sent (the whole new lists).</summary>
public sealed record EditEvent(Guid EventId, CalendarEventInput Fields, IReadOnlyList<Guid>? AttendeeIds = null,
    IReadOnlyList<RelatedRecord>? Related = null);

public sealed record CancelEvent(Guid EventId);

/// <summary>The caller, an attendee, leaves the event (declines it): it leaves their calendar, feed and reminders.</summary>
public sealed record LeaveEvent(Guid EventId);

/// <summary>
/// One occurrence of a series cancelled: <paramref name="OriginalStart"/> is its key when the handler found the series has an occurrence
/// at the start sent (<paramref name="Sent"/>), else null.
/// </summary>
public sealed record CancelOccurrence(Guid EventId, DateTimeOffset? OriginalStart, string Sent);

/// <summary>One occurrence of a series moved or changed ("this occurrence only"): its title (null: the series') and its times.</summary>
public sealed record ChangeOccurrence(Guid EventId, DateTimeOffset? OriginalStart, string Sent, string? Title, string? Start, string? End);

/// <summary>A new secret for the user's .ics feed (its SHA-256, hex); the previous one stops working.</summary>
public sealed record IssueCalendarFeed(Guid UserId, string TokenHash);

public sealed record RevokeCalendarFeed(Guid UserId);
