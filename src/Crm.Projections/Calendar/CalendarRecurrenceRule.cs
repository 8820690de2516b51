using System.Globalization;

namespace Crm.Projections.Calendar;

/// <summary>
/// The RRULE subset the schedule accepts (RFC 5545): FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL (1..99), BYDAY for weekly rules (days
/// without ordinals), and COUNT (1..1000) or UNTIL. Checked here before Ical.Net sees a rule, so nothing else reaches the expander;
/// the answer is the rule in one canonical spelling (keys in that order, days Monday first).
/// </summary>
public static class CalendarRecurrenceRule
{
    public const string UnsupportedCode = "rrule_unsupported";
    public const int MaxCount = 1000;
    public const int MaxInterval = 99;
    public const int MaxLength = 200;

    private static readonly string[] Keys = ["FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL"];

    /// <summary>How long a counted series may run: 100 years (starts are in 2000..2100, UNTIL at most 2200).</summary>
    private const long MaxSpanDays = 36_600;
    private static readonly string[] Frequencies = ["DAILY", "WEEKLY", "MONTHLY"];
    private static readonly string[] Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    /// <summary>The canonical rule, or why it is refused (null, null: no rule).</summary>
    public static (string? Rule, string? Problem) Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        var rule = text.Trim();
        if (rule.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase)) rule = rule[6..];
        if (rule.Length > MaxLength) return (null, $"An RRULE is at most {MaxLength} characters.");
        var parts = new Dictionary<string, string>();
        foreach (var part in rule.Split(';'))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return (null, "An RRULE is KEY=VALUE parts separated by ';'.");
            var key = part[..eq].Trim().ToUpperInvariant();
            if (!Keys.Contains(key)) return (null, $"{Clip(key)} is not supported: only FREQ, INTERVAL, BYDAY, COUNT and UNTIL.");
            if (!parts.TryAdd(key, part[(eq + 1)..].Trim().ToUpperInvariant())) return (null, $"{key} appears twice.");
        }
        if (!parts.TryGetValue("FREQ", out var freq) || !Frequencies.Contains(freq)) return (null, "FREQ is DAILY, WEEKLY or MONTHLY.");
        var canonical = new List<string> { "FREQ=" + freq };
        if (parts.TryGetValue("INTERVAL", out var interval))
        {
            if (Number(interval) is not (>= 1 and <= MaxInterval)) return (null, $"INTERVAL is a whole number from 1 to {MaxInterval}.");
            if (Number(interval) > 1) canonical.Add("INTERVAL=" + Number(interval));
        }
        if (parts.TryGetValue("BYDAY", out var byDay))
        {
            if (freq != "WEEKLY") return (null, "BYDAY is supported only with FREQ=WEEKLY.");
            var days = byDay.Split(',');
            if (days.Any(d => !Days.Contains(d)) || days.Distinct().Count() != days.Length) return (null, "BYDAY lists distinct days MO..SU.");
            canonical.Add("BYDAY=" + string.Join(",", Days.Where(days.Contains)));
        }
        if (parts.ContainsKey("COUNT") && parts.ContainsKey("UNTIL")) return (null, "COUNT and UNTIL exclude each other.");
        if (parts.TryGetValue("COUNT", out var count))
        {
            if (Number(count) is not (>= 1 and <= MaxCount)) return (null, $"COUNT is a whole number from 1 to {MaxCount}.");
            // A series must end before the calendar's own end (year 9999 for the expander): INTERVAL=99;COUNT=1000 monthly would not.
            var days = (long)Number(count)! * (Number(interval ?? "1") ?? 1) * (freq switch { "DAILY" => 1, "WEEKLY" => 7, _ => 31 });
            if (days > MaxSpanDays) return (null, $"INTERVAL × COUNT spans more than {MaxSpanDays / 366} years; use UNTIL or fewer occurrences.");
            canonical.Add("COUNT=" + Number(count));
        }
        if (parts.TryGetValue("UNTIL", out var until))
        {
            if (Until(until) is null) return (null, "UNTIL is a date (20261231) or a UTC date-time (20261231T235959Z).");
            canonical.Add("UNTIL=" + until);
        }
        return (string.Join(";", canonical), null);
    }

    /// <summary>UNTIL as a date (all-day series) or as the UTC date-time RFC 5545 wants beside a zoned start (the day's end in that zone).</summary>
    public static string Settle(string rule, bool allDay, string timeZone)
    {
        var parts = rule.Split(';').ToList();
        var i = parts.FindIndex(p => p.StartsWith("UNTIL=", StringComparison.Ordinal));
        if (i < 0 || Until(parts[i][6..]) is not { } until) return rule;
        if (allDay) parts[i] = "UNTIL=" + until.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        else if (!until.IsTime)
        {
            var end = CalendarZones.StartOfDay(DateOnly.FromDateTime(until.Date).AddDays(1), timeZone).AddSeconds(-1);
            parts[i] = "UNTIL=" + end.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        }
        return string.Join(";", parts);
    }

    /// <summary>Whether the rule ends (COUNT or UNTIL): else the series goes on for ever and only a window bounds it.</summary>
    public static bool Ends(string rule) => rule.Contains("COUNT=", StringComparison.Ordinal) || rule.Contains("UNTIL=", StringComparison.Ordinal);

    private static (DateTime Date, bool IsTime)? Until(string text)
    {
        if (text.Length == 8 && DateTime.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year is >= 1900 and <= 2200)
            return (d, false);
        if (text.Length == 16 && DateTime.TryParseExact(text, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) && t.Year is >= 1900 and <= 2200)
            return (t, true);
        return null;
    }

    private static int? Number(string text) =>
        text.Length is > 0 and <= 4 && text.All(char.IsAsciiDigit) ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    private static string Clip(string key) => key.Length > 20 ? key[..20] + "…" : key;
}
