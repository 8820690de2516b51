using Crm.Events;
using Crm.Events.Calendar;
using Crm.EventStore;
using Crm.Projections.Org;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Calendar;

/// <summary>A calendar event's operation log, read straight from its stream; a related record the reader may not see reads "kind:hidden".</summary>
public static class CalendarHistory
{
    public const string Hidden = "hidden";

    public static IReadOnlyList<HistoryEntry> Of(IReadOnlyList<StoredEvent> events, Func<RelatedRecord, bool> sees) =>
        events.Select(e => Entry(e, sees)).ToList();

    private static HistoryEntry Entry(StoredEvent e, Func<RelatedRecord, bool> sees)
    {
        var (action, changes) = e.Data switch
        {
            CalendarEventScheduled x => ("scheduled", [.. CalendarEventFields.Names.Select(n => new Change(n, null, x.Fields.Get(n)))
                    .Where(c => c.New is not null),
                new Change("organizerId", null, x.OrganizerId.ToString()), new Change("attendeeIds", null, Ids(x.AttendeeIds)),
                new Change("related", null, Links(x.Related, sees))]),
            CalendarEventEdited x => ("edited", x.Changes.Select(c => new Change(c.Field, c.Old, c.New)).ToArray()),
            CalendarAttendeesChanged x => ("attendees_changed", [new Change("attendeeIds", Ids(x.Removed), Ids(x.Added))]),
            CalendarRelatedChanged x => ("related_changed", [new Change("related", Links(x.Unlinked, sees), Links(x.Linked, sees))]),
            CalendarEventCancelled => ("cancelled", [new Change("status", CalendarEventStatuses.Scheduled, CalendarEventStatuses.Cancelled)]),
            CalendarOccurrenceCancelled x => ("occurrence_cancelled", [new Change($"occurrences.{Key(x.OriginalStart)}", "scheduled", "cancelled")]),
            CalendarOccurrenceChanged x => ("occurrence_changed", [new Change($"occurrences.{Key(x.OriginalStart)}", null,
                $"{Key(x.Change.Start)} – {Key(x.Change.End)}{(x.Change.Title is null ? "" : ": " + x.Change.Title)}")]),
            CalendarOccurrencesReset => ("occurrences_reset", Array.Empty<Change>()),
            _ => (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }

    private static string Key(DateTimeOffset at) => CalendarMoments.Format(at, date: false);

    private static string? Ids(IReadOnlyList<Guid> ids) => ids.Count == 0 ? null : string.Join(", ", ids);

    private static string? Links(IReadOnlyList<RelatedRecord> links, Func<RelatedRecord, bool> sees) =>
        links.Count == 0 ? null : string.Join(", ", links.Select(l => sees(l) ? l.Key : $"{l.Kind}:{Hidden}"));
}
