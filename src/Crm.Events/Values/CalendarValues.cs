using System.Globalization;

namespace Crm.Events;

/// <summary>
/// The editable fields of a calendar event (WORK-3), normalized by the decider. A timed event's <paramref name="Start"/> and
/// <paramref name="End"/> are UTC instants; an all-day event's are dates (their first and last day, both included) held as midnight
/// with a zero offset: a date, not an instant — the event's <paramref name="TimeZone"/> says where the day begins.
/// </summary>
/// <param name="TimeZone">IANA time zone id ("Europe/Berlin"): recurrence is expanded in it, so 09:00 stays 09:00 across DST.</param>
/// <param name="Rrule">An RRULE of the supported subset (FREQ, INTERVAL, BYDAY, COUNT, UNTIL), normalized; null: one occurrence.</param>
/// <param name="ReminderMinutes">Minutes before each occurrence's start at which attendees are reminded, distinct, ascending.</param>
public sealed record CalendarEventFields(
    string Title, string? Description, string? Location, DateTimeOffset Start, DateTimeOffset End, bool AllDay, string TimeZone,
    string? Rrule, IReadOnlyList<int> ReminderMinutes)
{
    public static IReadOnlyList<string> Names { get; } =
        ["title", "description", "location", "allDay", "start", "end", "timeZone", "rrule", "reminderMinutes"];

    /// <summary>The fields whose change moves every occurrence's original start: the series' exceptions no longer match.</summary>
    public static IReadOnlyList<string> Timing { get; } = ["allDay", "start", "timeZone", "rrule"];

    public string? Get(string field) => field switch
    {
        "title" => Title,
        "description" => Description,
        "location" => Location,
        "allDay" => AllDay ? "true" : "false",
        "start" => CalendarMoments.Format(Start, AllDay),
        "end" => CalendarMoments.Format(End, AllDay),
        "timeZone" => TimeZone,
        "rrule" => Rrule,
        "reminderMinutes" => ReminderMinutes.Count == 0 ? null : string.Join(", ", ReminderMinutes),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a calendar event field."),
    };

    public CalendarEventFields Apply(IEnumerable<FieldChange> changes) => changes.Aggregate(this, (f, c) => c.Field switch
    {
        "title" => f with { Title = c.New ?? "" },
        "description" => f with { Description = c.New },
        "location" => f with { Location = c.New },
        "allDay" => f with { AllDay = c.New == "true" },
        "start" => f with { Start = CalendarMoments.Parse(c.New!) },
        "end" => f with { End = CalendarMoments.Parse(c.New!) },
        "timeZone" => f with { TimeZone = c.New ?? "UTC" },
        "rrule" => f with { Rrule = c.New },
        "reminderMinutes" => f with
        {
            ReminderMinutes = c.New is null ? [] : c.New.Split(", ").Select(m => int.Parse(m, CultureInfo.InvariantCulture)).ToList(),
        },
        _ => f,
    });

    /// <summary>Every field that differs, old → new, in <see cref="Names"/>' order (allDay before start and end: Apply reads them so).</summary>
    public IReadOnlyList<FieldChange> ChangesTo(CalendarEventFields next) =>
        Names.Select(n => new FieldChange(n, Get(n), next.Get(n))).Where(c => c.Old != c.New).ToList();
}

/// <summary>One occurrence of a series changed on its own ("this occurrence only"): its title (null: the series') and its times.</summary>
public sealed record CalendarOccurrenceChange(string? Title, DateTimeOffset Start, DateTimeOffset End);

/// <summary>An occurrence of a series cancelled or changed on its own, keyed by its original start (the decider's and the read model's shape).</summary>
/// <param name="Title">A changed occurrence's title; null: the series'.</param>
/// <param name="Start">A changed occurrence's start (a date for all-day series); null when cancelled.</param>
public sealed record CalendarException(DateTimeOffset OriginalStart, bool Cancelled, string? Title, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>How the calendar's moments read as text in events, histories and occurrence keys: an instant in UTC to the second, a date.</summary>
public static class CalendarMoments
{
    public static string Format(DateTimeOffset at, bool date) => date
        ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) => text.Length == 10
        ? new DateTimeOffset(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
        : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
