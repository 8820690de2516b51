using Crm.Events;
using Crm.Host.Tasks;
using Crm.Projections.Calendar;
using Crm.Write.Tasks;

namespace Crm.Host.Calendar;

/// <summary>Calendar rows as the caller may see them: every link to a record they cannot see masked (kind only).</summary>
public static class CalendarResponses
{
    public static async Task<CalendarEventResponse> FromAsync(CalendarEventRow r, RelatedView view, CancellationToken ct)
    {
        var links = new List<RelatedLinkResponse>(r.Related.Count);
        foreach (var link in r.Related)
            links.Add(await view.SeesAsync(link, ct) ? new RelatedLinkResponse(link.Kind, link.Id, false) : new RelatedLinkResponse(link.Kind, null, true));
        var f = r.Fields;
        var (start, end) = CalendarOccurrences.Instants(f, f.Start, f.End);
        var exceptions = r.Exceptions.OrderBy(e => e.OriginalStart).Select(e =>
        {
            var moved = e.Start is { } s && e.End is { } x ? CalendarOccurrences.Instants(f, s, x) : ((DateTimeOffset, DateTimeOffset)?)null;
            return new CalendarExceptionResponse(CalendarMoments.Format(e.OriginalStart, f.AllDay), e.Cancelled, e.Title, moved?.Item1, moved?.Item2);
        }).ToList();
        return new CalendarEventResponse(r.Id, f.Title, f.Description, f.Location, start, end, f.AllDay, f.AllDay ? f.Get("start") : null,
            f.AllDay ? f.Get("end") : null, f.TimeZone, f.Rrule, f.ReminderMinutes, r.OrganizerId, r.AttendeeIds, links, exceptions, r.Status, r.Version,
            r.CreatedAt, r.UpdatedAt);
    }
}
