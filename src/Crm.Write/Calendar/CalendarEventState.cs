using Crm.Events;
using Crm.Events.Calendar;

namespace Crm.Write.Calendar;

/// <summary>A calendar event as its stream has it (WORK-3); its exceptions are the read model's shape (original start → cancelled or changed).</summary>
public sealed record CalendarEventState(
    bool Exists, Guid Id, CalendarEventFields Fields, Guid OrganizerId, IReadOnlyList<Guid> AttendeeIds, IReadOnlyList<RelatedRecord> Related,
    bool Cancelled, IReadOnlyList<CalendarException> Exceptions)
{
    public static CalendarEventState None { get; } = new(false, Guid.Empty,
        new CalendarEventFields("", null, null, default, default, false, "UTC", null, []), Guid.Empty, [], [], false, []);

    public static CalendarEventState Evolve(CalendarEventState state, object @event) => @event switch
    {
        CalendarEventScheduled e => new CalendarEventState(true, e.EventId, e.Fields, e.OrganizerId, e.AttendeeIds, e.Related, false, []),
        CalendarEventEdited e => state with { Fields = state.Fields.Apply(e.Changes) },
        CalendarAttendeesChanged e => state with { AttendeeIds = [.. state.AttendeeIds.Except(e.Removed), .. e.Added] },
        CalendarRelatedChanged e => state with { Related = [.. state.Related.Except(e.Unlinked), .. e.Linked] },
        CalendarEventCancelled => state with { Cancelled = true },
        CalendarOccurrenceCancelled e => Except(state, new CalendarException(e.OriginalStart, true, null, null, null)),
        CalendarOccurrenceChanged e => Except(state, new CalendarException(e.OriginalStart, false, e.Change.Title, e.Change.Start, e.Change.End)),
        CalendarOccurrencesReset => state with { Exceptions = [] },
        _ => state,
    };

    public CalendarException? FindException(DateTimeOffset originalStart) => Exceptions.FirstOrDefault(e => e.OriginalStart == originalStart);

    private static CalendarEventState Except(CalendarEventState state, CalendarException exception) =>
        state with { Exceptions = [.. state.Exceptions.Where(x => x.OriginalStart != exception.OriginalStart), exception] };
}

/// <summary>A user's calendar feed as its stream has it: whether a token is current.</summary>
public sealed record CalendarFeedState(bool Active)
{
    public static CalendarFeedState None { get; } = new(false);

    public static CalendarFeedState Evolve(CalendarFeedState state, object @event) => @event switch
    {
        CalendarFeedIssued => new CalendarFeedState(true),
        CalendarFeedRevoked => new CalendarFeedState(false),
        _ => state,
    };
}
