using Crm.Events;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace Crm.Projections.Calendar;

/// <summary>
/// A user's calendar as iCalendar (RFC 5545) for a subscribing client: each event with its RRULE, its cancelled occurrences as EXDATE
/// and its changed ones as their own VEVENT with RECURRENCE-ID, so the client expands the series itself; a VTIMEZONE per zone used; each
/// open task's due time as a point in time; the event's reminder offsets as VALARMs. No related record and no attendee is named: the
/// feed leaves the CRM without a session.
/// </summary>
public static class CalendarIcs
{
    public static string Write(IReadOnlyList<CalendarEventRow> events, IReadOnlyList<CalendarTaskDue> tasks, DateTimeOffset now)
    {
        var calendar = new IcalCalendar { ProductId = "-//CRM//Schedule//EN" };
        calendar.AddProperty("X-WR-CALNAME", "CRM");
        foreach (var zone in events.Where(e => !e.Fields.AllDay).Select(e => e.Fields.TimeZone).Distinct(StringComparer.Ordinal))
            calendar.AddTimeZone(zone);
        var stamp = new CalDateTime(now.UtcDateTime, "UTC");
        foreach (var row in events)
        {
            var f = row.Fields;
            var series = Event(row, f.Title, f.Start, f.End, stamp);
            if (f.Rrule is { } rule)
            {
                series.RecurrenceRule = new RecurrenceRule(rule);
                foreach (var cancelled in row.Exceptions.Where(x => x.Cancelled))
                    series.ExceptionDates.Add(CalendarOccurrences.Ical(f, cancelled.OriginalStart));
            }
            calendar.Events.Add(series);
            foreach (var changed in row.Exceptions.Where(x => !x.Cancelled && x.Start is not null && x.End is not null))
            {
                var one = Event(row, changed.Title ?? f.Title, changed.Start!.Value, changed.End!.Value, stamp);
                one.RecurrenceIdentifier = new RecurrenceIdentifier(CalendarOccurrences.Ical(f, changed.OriginalStart));
                calendar.Events.Add(one);
            }
        }
        foreach (var task in tasks)
        {
            var due = new CalDateTime(task.DueAt.UtcDateTime, "UTC");
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"task-{task.TaskId}@crm", Summary = "Task due: " + task.Name, DtStart = due, DtEnd = due, DtStamp = stamp,
                Transparency = "TRANSPARENT",
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent Event(CalendarEventRow row, string title, DateTimeOffset start, DateTimeOffset end, CalDateTime stamp)
    {
        var f = row.Fields;
        var e = new CalendarEvent
        {
            Uid = $"{row.Id}@crm", Summary = title, Description = f.Description, Location = f.Location, DtStamp = stamp, Sequence = (int)row.Version,
            DtStart = CalendarOccurrences.Ical(f, start),
            // RFC 5545: an all-day DTEND is the day after the last one.
            DtEnd = f.AllDay ? CalendarOccurrences.Ical(f, end.AddDays(1)) : CalendarOccurrences.Ical(f, end),
        };
        // The event's reminder offsets as the client's own alarms (a display alarm each, relative to every occurrence's start).
        foreach (var minutes in f.ReminderMinutes)
            e.Alarms.Add(new Alarm { Action = Ical.Net.AlarmAction.Display, Description = title, Trigger = new Trigger(Duration.FromMinutes(-minutes)) });
        return e;
    }
}
