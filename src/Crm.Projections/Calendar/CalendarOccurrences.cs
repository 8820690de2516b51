using Crm.Events;
using Ical.Net.DataTypes;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace Crm.Projections.Calendar;

/// <summary>One occurrence of an event: the key it is known by (its original start) and its real times as instants (UTC).</summary>
/// <param name="OriginalStart">The occurrence's start as the series gives it (a date for all-day events): the key of its exceptions.</param>
/// <param name="Title">The occurrence's own title when changed on its own; null: the series'.</param>
public sealed record CalendarOccurrence(DateTimeOffset OriginalStart, DateTimeOffset Start, DateTimeOffset End, string? Title, bool Changed);

/// <summary>
/// Expands a series (Ical.Net evaluates the RRULE in the event's IANA zone, so 09:00 local stays 09:00 across DST) and lays its
/// exceptions over it: a cancelled occurrence is left out, a changed one answers at its own times. Every walk is bounded by
/// <see cref="MaxSteps"/> occurrences, whatever the rule says.
/// </summary>
public static class CalendarOccurrences
{
    public const int MaxSteps = CalendarRecurrenceRule.MaxCount + 1;

    /// <summary>The occurrences that overlap [from, to), by start, at most <paramref name="cap"/>.</summary>
    public static IReadOnlyList<CalendarOccurrence> Between(CalendarEventFields fields, IReadOnlyList<CalendarException> exceptions,
        DateTimeOffset from, DateTimeOffset to, int cap)
    {
        var excepted = exceptions.Select(e => e.OriginalStart).ToHashSet();
        var found = new List<CalendarOccurrence>();
        foreach (var o in Raw(fields, from))
        {
            if (o.Start >= to || found.Count >= cap) break;
            if (o.End > from && !excepted.Contains(o.OriginalStart)) found.Add(o);
        }
        foreach (var e in exceptions)
        {
            if (Changed(fields, e) is { } moved && moved.Start < to && moved.End > from) found.Add(moved);
        }
        return found.OrderBy(o => o.Start).ThenBy(o => o.OriginalStart).Take(cap).ToList();
    }

    /// <summary>Whether the series has an occurrence that starts (originally) at <paramref name="originalStart"/>.</summary>
    public static bool Has(CalendarEventFields fields, DateTimeOffset originalStart)
    {
        var at = Key(fields, originalStart);
        foreach (var o in Raw(fields, Instants(fields, at, at).Start.AddDays(-1)))
        {
            if (o.OriginalStart == at) return true;
            if (o.OriginalStart > at) return false;
        }
        return false;
    }

    /// <summary>The first start and the last end of the series with its exceptions; last is null when the series never ends.</summary>
    public static (DateTimeOffset First, DateTimeOffset? Last) Span(CalendarEventFields fields, IReadOnlyList<CalendarException> exceptions)
    {
        var (first, last) = Instants(fields, fields.Start, fields.End);
        DateTimeOffset? end = last;
        if (fields.Rrule is { } rule)
        {
            end = null;
            if (CalendarRecurrenceRule.Ends(rule))
            {
                // The rule check bounds a series' span; a walk past the expander's own range (year 9999) still counts as never ending.
                List<CalendarOccurrence>? all;
                try { all = Raw(fields, first).ToList(); }
                catch (Ical.Net.Evaluation.EvaluationOutOfRangeException) { all = null; }
                end = all is null || all.Count >= MaxSteps ? null : all.Count == 0 ? last : all.Max(o => o.End);
            }
        }
        foreach (var e in exceptions)
        {
            if (Changed(fields, e) is not { } moved) continue;
            if (moved.Start < first) first = moved.Start;
            if (end is { } known && moved.End > known) end = moved.End;
        }
        return (first, end);
    }

    /// <summary>A start and end of the event's kind as instants: a timed event's are; an all-day one's days begin in its zone.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Instants(CalendarEventFields fields, DateTimeOffset start, DateTimeOffset end) =>
        fields.AllDay
            ? (CalendarZones.StartOfDay(Day(start), fields.TimeZone), CalendarZones.StartOfDay(Day(end).AddDays(1), fields.TimeZone))
            : (start.ToUniversalTime(), end.ToUniversalTime());

    /// <summary>An original start in the event's kind: a date (midnight, zero offset) for an all-day event, else the UTC instant.</summary>
    public static DateTimeOffset Key(CalendarEventFields fields, DateTimeOffset at) =>
        fields.AllDay ? new DateTimeOffset(Day(at).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : at.ToUniversalTime();

    private static CalendarOccurrence? Changed(CalendarEventFields fields, CalendarException e)
    {
        if (e.Cancelled || e.Start is not { } start || e.End is not { } end) return null;
        var (s, x) = Instants(fields, start, end);
        return new CalendarOccurrence(e.OriginalStart, s, x, e.Title, true);
    }

    /// <summary>The series' occurrences from the one that may still overlap <paramref name="from"/> on, exceptions not applied.</summary>
    private static IEnumerable<CalendarOccurrence> Raw(CalendarEventFields fields, DateTimeOffset from)
    {
        var (start, end) = Instants(fields, fields.Start, fields.End);
        if (fields.Rrule is not { } rule)
        {
            yield return new CalendarOccurrence(Key(fields, fields.Start), start, end, null, false);
            yield break;
        }
        var length = end - start;
        var days = Day(fields.End).DayNumber - Day(fields.Start).DayNumber + 1;
        var after = from - length - TimeSpan.FromDays(1);
        var series = new IcalEvent { DtStart = Leap(fields, rule, after) ?? Ical(fields, fields.Start), RecurrenceRule = new RecurrenceRule(rule) };
        var origin = fields.AllDay ? new CalDateTime(Day(after)) : new CalDateTime(after.UtcDateTime, "UTC");
        var steps = 0;
        foreach (var o in series.GetOccurrences(after > start ? origin : null, null))
        {
            if (++steps > MaxSteps) yield break;
            var at = o.Period.StartTime;
            if (fields.AllDay)
            {
                var day = at.Date;
                yield return new CalendarOccurrence(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    CalendarZones.StartOfDay(day, fields.TimeZone), CalendarZones.StartOfDay(day.AddDays(days), fields.TimeZone), null, false);
            }
            else
            {
                var s = new DateTimeOffset(DateTime.SpecifyKind(at.AsUtc, DateTimeKind.Utc));
                yield return new CalendarOccurrence(s, s, s + length, null, false);
            }
        }
    }

    /// <summary>
    /// A later start with the same occurrences from <paramref name="after"/> on, for a daily or weekly rule without COUNT: such a rule
    /// repeats every INTERVAL days or weeks, so its start moves forward by whole periods (same wall-clock time) to a period before the
    /// window. Ical.Net walks a rule from its start, and a daily series begun decades before the window would cost a step per day.
    /// Null when there is nothing to skip (or COUNT, which counts from the real start).
    /// </summary>
    private static CalDateTime? Leap(CalendarEventFields fields, string rule, DateTimeOffset after)
    {
        if (rule.Contains("COUNT=", StringComparison.Ordinal)) return null;
        var unit = rule.StartsWith("FREQ=DAILY", StringComparison.Ordinal) ? 1 : rule.StartsWith("FREQ=WEEKLY", StringComparison.Ordinal) ? 7 : 0;
        if (unit == 0) return null;
        var interval = rule.Split(';').FirstOrDefault(p => p.StartsWith("INTERVAL=", StringComparison.Ordinal)) is { } i
            ? int.Parse(i[9..], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var period = unit * interval;
        if (fields.AllDay)
        {
            var first = Day(fields.Start);
            var periods = (Day(after).DayNumber - first.DayNumber) / period - 1;
            return periods <= 0 ? null : new CalDateTime(first.AddDays(periods * period));
        }
        var local = CalendarZones.Local(fields.Start, fields.TimeZone);
        var skip = (CalendarZones.Local(after, fields.TimeZone).Date.ToDateOnly().DayNumber - local.Date.ToDateOnly().DayNumber) / period - 1;
        if (skip <= 0) return null;
        var moved = local.PlusDays(skip * period);
        return new CalDateTime(moved.Year, moved.Month, moved.Day, moved.Hour, moved.Minute, moved.Second, fields.TimeZone);
    }

    /// <summary>The start as Ical.Net wants it: a date, or the wall-clock time in the event's zone with its TZID.</summary>
    internal static CalDateTime Ical(CalendarEventFields fields, DateTimeOffset at)
    {
        if (fields.AllDay) return new CalDateTime(Day(at));
        var local = CalendarZones.Local(at, fields.TimeZone);
        return new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, fields.TimeZone);
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
