using Crm.Events;
using Crm.Events.Calendar;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Calendar;

/// <summary>crm.calendar_events, inline with the calendar event streams: attendees, links and exceptions live in the event's row.</summary>
public sealed class CalendarEventsProjection() : TableProjection<CalendarEventRow>("crm.calendar_events", CalendarEventSql.Binder)
{
    public override string Name => "crm.calendar_events";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(CalendarEventScheduled), typeof(CalendarEventEdited), typeof(CalendarAttendeesChanged), typeof(CalendarRelatedChanged),
        typeof(CalendarEventCancelled), typeof(CalendarOccurrenceCancelled), typeof(CalendarOccurrenceChanged), typeof(CalendarOccurrencesReset),
    ];

    protected override CalendarEventRow? Evolve(CalendarEventRow? current, Guid key, StoredEvent e) => CalendarEventRow.Evolve(current, e);
}
