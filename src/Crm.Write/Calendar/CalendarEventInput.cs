using System.Globalization;
using System.Text.RegularExpressions;
using Crm.Events;
using Crm.Projections.Calendar;

namespace Crm.Write.Calendar;

/// <summary>
/// A calendar event's fields as sent: raw text. A timed event's start and end are ISO 8601 date-times with an offset (stored in UTC); an
/// all-day event's are dates (yyyy-MM-dd; end is the last day, included, and defaults to start). In an edit, null leaves a field as is
/// and "" clears description, location and rrule.
/// </summary>
public sealed partial record CalendarEventInput(
    string? Title = null, string? Description = null, string? Location = null, string? Start = null, string? End = null, bool? AllDay = null,
    string? TimeZone = null, string? Rrule = null, IReadOnlyList<int>? ReminderMinutes = null)
{
    public const int TitleLength = 200;
    public const int DescriptionLength = 5000;
    public const int LocationLength = 500;
    public const int MaxReminders = 5;
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(31);

    /// <summary>This edit laid over the current fields: what is not sent stays (switching allDay needs start and end sent anew).</summary>
    public CalendarEventInput Over(CalendarEventFields current) => new(
        Title ?? current.Title, Description ?? current.Description, Location ?? current.Location, Start ?? current.Get("start"),
        End ?? current.Get("end"), AllDay ?? current.AllDay, TimeZone ?? current.TimeZone, Rrule ?? current.Rrule, ReminderMinutes ?? current.ReminderMinutes);

    public (CalendarEventFields? Fields, DomainError? Error) Validate()
    {
        var checks = new FieldChecks();
        var title = checks.Text("title", Title, TitleLength, required: true) ?? "";
        var description = checks.Text("description", Description, DescriptionLength);
        var location = checks.Text("location", Location, LocationLength);
        var allDay = AllDay ?? false;
        var zone = string.IsNullOrWhiteSpace(TimeZone) ? CalendarZones.Default : TimeZone.Trim();
        if (!CalendarZones.IsKnown(zone))
        {
            checks.Fail("timeZone", "time_zone_invalid", "timeZone is an IANA time zone id, e.g. Europe/Berlin or Asia/Shanghai.");
            zone = CalendarZones.Default;
        }
        var start = Moment(checks, "start", Start, allDay, required: true);
        var end = allDay && string.IsNullOrWhiteSpace(End) ? start : Moment(checks, "end", End, allDay, required: true);
        if (start is { } s && end is { } e && (allDay ? e < s : e <= s))
            checks.Fail("end", "end_before_start", allDay ? "end (the last day) is on or after start." : "end is after start.");
        else if (start is { } s2 && end is { } e2 && e2 - s2 > MaxLength)
            checks.Fail("end", "end_invalid", $"An occurrence lasts at most {MaxLength.TotalDays} days.");
        var (rule, problem) = CalendarRecurrenceRule.Check(Rrule);
        if (problem is not null) checks.Fail("rrule", CalendarRecurrenceRule.UnsupportedCode, "rrule: " + problem);
        var reminders = (ReminderMinutes ?? []).Distinct().Order().ToList();
        if (reminders.Count > MaxReminders || reminders.Any(m => m is < 0 or > CalendarReminders.MaxMinutes))
        {
            checks.Fail("reminderMinutes", "reminders_invalid",
                $"reminderMinutes: at most {MaxReminders} offsets, each 0..{CalendarReminders.MaxMinutes} minutes before the start.");
        }
        if (DomainError.Invalid(checks.Errors) is { } error) return (null, error);
        var fields = new CalendarEventFields(title, description, location, start!.Value, end!.Value, allDay, zone,
            rule is null ? null : CalendarRecurrenceRule.Settle(rule, allDay, zone), reminders);
        return (fields, null);
    }

    /// <summary>
    /// A start or end: with an offset, stored in UTC to the second (a time without an offset is refused: it names no instant), or a date
    /// for all-day events. Years 2000..2100.
    /// </summary>
    public static DateTimeOffset? Moment(FieldChecks checks, string field, string? text, bool allDay, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) checks.Fail(field, field + "_invalid", $"{field} is required.");
            return null;
        }
        var value = text.Trim();
        if (allDay)
        {
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2100)
                return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            checks.Fail(field, field + "_invalid", $"{field} of an all-day event is a date, e.g. 2026-03-02.");
            return null;
        }
        if (!WithOffset().IsMatch(value) || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            || at.Year is < 2000 or > 2100)
        {
            checks.Fail(field, field + "_invalid", $"{field} is an ISO 8601 date-time with an offset, e.g. 2026-03-02T09:00:00+08:00 (or Z).");
            return null;
        }
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    /// <summary>Whether the text has the shape of a moment at all (a date, or a date-time with an offset): the occurrence routes' first check.</summary>
    public static bool LooksLikeMoment(string? text) =>
        text is { Length: <= 40 } && (Date().IsMatch(text) || WithOffset().IsMatch(text));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex Date();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}
