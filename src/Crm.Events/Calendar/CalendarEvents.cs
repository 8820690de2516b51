namespace Crm.Events.Calendar;

/// <summary>A calendar event was put in the schedule (WORK-3) by its organizer.</summary>
public sealed record CalendarEventScheduled(Guid EventId, CalendarEventFields Fields, Guid OrganizerId, IReadOnlyList<Guid> AttendeeIds,
    IReadOnlyList<RelatedRecord> Related);

/// <summary>Fields of the event (the whole series) changed; each change names the field, old → new.</summary>
public sealed record CalendarEventEdited(Guid EventId, IReadOnlyList<FieldChange> Changes);

/// <summary>Users became, or stopped being, attendees.</summary>
public sealed record CalendarAttendeesChanged(Guid EventId, IReadOnlyList<Guid> Added, IReadOnlyList<Guid> Removed);

/// <summary>Records the event is about were linked or unlinked.</summary>
public sealed record CalendarRelatedChanged(Guid EventId, IReadOnlyList<RelatedRecord> Linked, IReadOnlyList<RelatedRecord> Unlinked);

/// <summary>The event (every occurrence) was cancelled (DELETE): it leaves calendars and takes no more changes; its history stays.</summary>
public sealed record CalendarEventCancelled(Guid EventId);

/// <summary>One occurrence of a series was cancelled, named by its original start.</summary>
public sealed record CalendarOccurrenceCancelled(Guid EventId, DateTimeOffset OriginalStart);

/// <summary>One occurrence of a series was moved or changed on its own, named by its original start.</summary>
public sealed record CalendarOccurrenceChanged(Guid EventId, DateTimeOffset OriginalStart, CalendarOccurrenceChange Change);

/// <summary>The series' timing changed, so its cancelled and changed occurrences (keyed by original start) were dropped.</summary>
public sealed record CalendarOccurrencesReset(Guid EventId);

/// <summary>
/// A user's calendar feed (.ics) got a new secret; the previous one stops working. Only the token's SHA-256 is kept (hex), never the
/// token itself.
/// </summary>
public sealed record CalendarFeedIssued(Guid UserId, [property: Secret] string TokenHash);

/// <summary>A user's calendar feed was revoked: its URL answers 404.</summary>
public sealed record CalendarFeedRevoked(Guid UserId);
