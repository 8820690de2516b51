using Crm.Events;
using Crm.Events.Calendar;
using Crm.EventStore;

namespace Crm.Projections.Calendar;

/// <summary>A calendar event (WORK-3) as calendars, the feed, the reminders and the detail view read it; one row of crm.calendar_events.</summary>
/// <param name="Status">scheduled or cancelled (<see cref="CalendarEventStatuses"/>).</param>
/// <param name="FirstStart">The first occurrence's start as an instant (all-day days begin in the event's zone).</param>
/// <param name="LastEnd">The last occurrence's end as an instant; null when the series never ends.</param>
public sealed record CalendarEventRow(
    Guid Id,
    CalendarEventFields Fields,
    Guid OrganizerId,
    IReadOnlyList<Guid> AttendeeIds,
    IReadOnlyList<RelatedRecord> Related,
    IReadOnlyList<CalendarException> Exceptions,
    string Status,
    DateTimeOffset FirstStart,
    DateTimeOffset? LastEnd,
    Guid? CreatedBy,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static CalendarEventRow? Evolve(CalendarEventRow? row, StoredEvent e)
    {
        if (e.Data is CalendarEventScheduled c)
        {
            row = new CalendarEventRow(c.EventId, c.Fields, c.OrganizerId, c.AttendeeIds, c.Related, [], CalendarEventStatuses.Scheduled,
                default, null, e.Metadata.ActorId, e.Version, e.Timestamp, e.Timestamp);
            return Spanned(row);
        }
        if (row is null) return null;
        var next = e.Data switch
        {
            CalendarEventEdited x => row with { Fields = row.Fields.Apply(x.Changes) },
            CalendarAttendeesChanged x => row with { AttendeeIds = [.. row.AttendeeIds.Except(x.Removed), .. x.Added] },
            CalendarRelatedChanged x => row with { Related = [.. row.Related.Except(x.Unlinked), .. x.Linked] },
            CalendarEventCancelled => row with { Status = CalendarEventStatuses.Cancelled },
            CalendarOccurrenceCancelled x => row with { Exceptions = Except(row, new CalendarException(x.OriginalStart, true, null, null, null)) },
            CalendarOccurrenceChanged x => row with
            {
                Exceptions = Except(row, new CalendarException(x.OriginalStart, false, x.Change.Title, x.Change.Start, x.Change.End)),
            },
            CalendarOccurrencesReset => row with { Exceptions = [] },
            _ => row,
        };
        next = next with { Version = e.Version, UpdatedAt = e.Timestamp };
        // The span walks the series (tens of ms for a long one): only what it depends on — timing, end, exceptions — makes it again, so a
        // fold of many title or attendee changes (each write's answer, ?version) walks it once.
        return MovesSpan(e.Data) ? Spanned(next) : next;
    }

    private static bool MovesSpan(object data) => data switch
    {
        CalendarEventEdited x => x.Changes.Any(c => c.Field == "end" || CalendarEventFields.Timing.Contains(c.Field)),
        CalendarOccurrenceCancelled or CalendarOccurrenceChanged or CalendarOccurrencesReset => true,
        _ => false,
    };

    /// <summary>The occurrences overlapping [from, to), exceptions applied (see <see cref="CalendarOccurrences"/>).</summary>
    public IReadOnlyList<CalendarOccurrence> Occurrences(DateTimeOffset from, DateTimeOffset to, int cap) =>
        CalendarOccurrences.Between(Fields, Exceptions, from, to, cap);

    private static IReadOnlyList<CalendarException> Except(CalendarEventRow row, CalendarException exception) =>
        [.. row.Exceptions.Where(x => x.OriginalStart != exception.OriginalStart), exception];

    private static CalendarEventRow Spanned(CalendarEventRow row)
    {
        var (first, last) = CalendarOccurrences.Span(row.Fields, row.Exceptions);
        return row with { FirstStart = first, LastEnd = last };
    }
}

/// <summary>A calendar event's status values (crm.calendar_events.status).</summary>
public static class CalendarEventStatuses
{
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Scheduled, Cancelled];
}
