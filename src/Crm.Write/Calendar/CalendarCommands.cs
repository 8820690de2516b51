using Crm.Events;

namespace Crm.Write.Calendar;

/// <summary>A new event; the organizer is the caller; attendees and related records already checked by the handler.</summary>
public sealed record ScheduleEvent(Guid EventId, CalendarEventInput Fields, Guid OrganizerId, IReadOnlyList<Guid> AttendeeIds,
    IReadOnlyList<RelatedRecord> Related);

/// <summary>A change of the whole series: the fields sent (null: leave), attendees and related records when sent (the whole new lists).</summary>
public sealed record EditEvent(Guid EventId, CalendarEventInput Fields, IReadOnlyList<Guid>? AttendeeIds = null,
    IReadOnlyList<RelatedRecord>? Related = null);

public sealed record CancelEvent(Guid EventId);

/// <summary>One occurrence of a series cancelled, named by its original start as sent (a date-time with offset, or a date).</summary>
public sealed record CancelOccurrence(Guid EventId, string? OriginalStart);

/// <summary>One occurrence of a series moved or changed ("this occurrence only"): its title (null: the series') and its times.</summary>
public sealed record ChangeOccurrence(Guid EventId, string? OriginalStart, string? Title, string? Start, string? End);

/// <summary>A new secret for the user's .ics feed (its SHA-256, hex); the previous one stops working.</summary>
public sealed record IssueCalendarFeed(Guid UserId, string TokenHash);

public sealed record RevokeCalendarFeed(Guid UserId);
