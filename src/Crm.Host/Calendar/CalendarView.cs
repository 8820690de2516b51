using Crm.Events;
using Crm.Projections.Calendar;
using Crm.Write.Tasks;

namespace Crm.Host.Calendar;

/// <summary>
/// One user's calendar over a window (WORK-3): the occurrences of the events they organize or attend, the due times of their open tasks
/// (owner or participant) and the next-contact times of the follow-ups they wrote on records they still see — each typed, by start, in
/// UTC and in the display zone. Bounded: at most <see cref="MaxItems"/> items, <see cref="CalendarQueries.MaxRows"/> rows of each kind.
/// </summary>
public static class CalendarView
{
    public const int MaxItems = 5000;
    public const int MaxTitle = 200;

    public static async Task<CalendarResponse> ForAsync(Guid userId, DateTimeOffset from, DateTimeOffset to, string zone, CalendarQueries calendar,
        RelatedView view, CancellationToken ct)
    {
        var items = new List<CalendarItemResponse>();
        var invited = new List<CalendarItemResponse>();
        var events = await calendar.EventsOfAsync(userId, from, to, ct);
        var truncated = events.Count(e => e.OrganizerId == userId) >= CalendarQueries.MaxRows
            || events.Count(e => e.OrganizerId != userId) >= CalendarQueries.MaxRows;
        foreach (var row in events)
        {
            var occurrences = row.Occurrences(from, to, CalendarOccurrences.MaxSteps);
            truncated |= occurrences.Count >= CalendarOccurrences.MaxSteps;
            foreach (var o in occurrences)
            {
                var original = row.Fields.Rrule is null ? null : CalendarMoments.Format(o.OriginalStart, row.Fields.AllDay);
                (row.OrganizerId == userId ? items : invited).Add(Item(CalendarItemTypes.Event, row.Id, o.Title ?? row.Fields.Title, o.Start, o.End,
                    zone, row.Fields.AllDay, original, o.Changed, null, null));
            }
        }
        var tasks = await calendar.TasksDueAsync(userId, from, to, ct);
        truncated |= tasks.Count >= CalendarQueries.MaxRows;
        items.AddRange(tasks.Select(t => Item(CalendarItemTypes.Task, t.TaskId, t.Name, t.DueAt, t.DueAt, zone, false, null, false, null, null)));
        var followUps = await calendar.FollowUpsAsync(userId, from, to, ct);
        truncated |= followUps.Count >= CalendarQueries.MaxRows;
        foreach (var f in followUps)
        {
            // A follow-up on a record the user no longer sees (transferred away) stays out: its text would tell about it.
            if (!await view.SeesAsync(new RelatedRecord(f.RecordType, f.RecordId), ct)) continue;
            var title = f.Content.Length > MaxTitle ? f.Content[..MaxTitle] : f.Content;
            items.Add(Item(CalendarItemTypes.FollowUp, f.Id, title, f.NextContactAt, f.NextContactAt, zone, false, null, false, f.RecordType, f.RecordId));
        }
        // The bound keeps the user's own items first (their events, tasks, follow-ups): invitations, which anyone may send, fill the rest.
        truncated |= items.Count + invited.Count > MaxItems;
        var kept = items.Concat(invited.OrderBy(i => i.Start).ThenBy(i => i.Id).Take(Math.Max(0, MaxItems - items.Count)));
        var sorted = kept.OrderBy(i => i.Start).ThenBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.Id).Take(MaxItems).ToList();
        return new CalendarResponse(from, to, zone, sorted, truncated);
    }

    private static CalendarItemResponse Item(string type, Guid id, string title, DateTimeOffset start, DateTimeOffset end, string zone, bool allDay,
        string? originalStart, bool changed, string? recordType, Guid? recordId) =>
        new(type, id, title, start, end, CalendarZones.InZone(start, zone), CalendarZones.InZone(end, zone), allDay, originalStart, changed,
            recordType, recordId);
}
