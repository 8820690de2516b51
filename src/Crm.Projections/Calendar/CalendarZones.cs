using NodaTime;

namespace Crm.Projections.Calendar;

/// <summary>IANA time zones (the tz database NodaTime ships): validation, the start of a day in a zone, an instant shown in a zone.</summary>
public static class CalendarZones
{
    public const string Default = "UTC";

    public static bool IsKnown(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null;

    /// <summary>When <paramref name="date"/> begins in the zone (a day that begins in a DST gap begins at its first valid instant).</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, string zone) =>
        Zone(zone).AtStartOfDay(new LocalDate(date.Year, date.Month, date.Day)).ToDateTimeOffset().ToUniversalTime();

    /// <summary>The instant as the zone's wall clock shows it, with that moment's offset.</summary>
    public static DateTimeOffset InZone(DateTimeOffset at, string zone) => Instant.FromDateTimeOffset(at).InZone(Zone(zone)).ToDateTimeOffset();

    /// <summary>The zone's wall-clock date and time at the instant.</summary>
    public static LocalDateTime Local(DateTimeOffset at, string zone) => Instant.FromDateTimeOffset(at).InZone(Zone(zone)).LocalDateTime;

    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? DateTimeZone.Utc;
}
