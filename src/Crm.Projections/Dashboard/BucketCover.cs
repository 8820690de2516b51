namespace Crm.Projections.Dashboard;

/// <summary>One grain's buckets to sum: those whose first instant (or day) is in [From, Until), added (Sign 1) or taken away (-1).</summary>
public sealed record BucketRange<T>(char Grain, T From, T Until, int Sign = 1);

/// <summary>
/// Splits a period into few buckets of the dashboard's grains: the whole years it spans, then at each edge the months, days, hours
/// and quarter hours that make up the difference — added when the period reaches past a whole bucket, taken away when a bucket
/// reaches past the period, whichever is the shorter span. Summing the rows so chosen (signed) counts every event in the period
/// exactly once, whatever the caller's zone (every zone's midnights fall on a quarter hour; an instant between quarter hours is
/// taken down to one): a month of Asia/Kolkata is one month row, less five and a half hours at one end, plus as many at the other;
/// its year is one year row, so a department's year reads one row per owner, not twelve.
/// </summary>
public static class BucketCover
{
    public const char Quarter = 'q', Hour = 'h', Day = 'd', Month = 'm', Year = 'y';

    /// <summary>The UTC instants of <paramref name="from"/> (inclusive) to <paramref name="until"/> (exclusive).</summary>
    public static IReadOnlyList<BucketRange<DateTimeOffset>> Of(DateTimeOffset from, DateTimeOffset until)
    {
        var ranges = new List<BucketRange<DateTimeOffset>>();
        Split(FloorQuarter(from.ToUniversalTime()), FloorQuarter(until.ToUniversalTime()), Grains.Length - 1, ranges);
        return ranges;
    }

    /// <summary>
    /// The days <paramref name="first"/> to <paramref name="last"/> (both inclusive) as whole years, months and days, signed as
    /// <see cref="Of"/>'s (a year less its last month, plus a few days): the same split, with the day as the finest grain.
    /// </summary>
    public static IReadOnlyList<BucketRange<DateOnly>> OfDays(DateOnly first, DateOnly last)
    {
        var ranges = new List<BucketRange<DateTimeOffset>>();
        Split(Midnight(first), Midnight(last.AddDays(1)), Grains.Length - 1, ranges, finest: DayLevel);
        return ranges.Select(r => new BucketRange<DateOnly>(r.Grain, DateOnly.FromDateTime(r.From.UtcDateTime), DateOnly.FromDateTime(r.Until.UtcDateTime),
            r.Sign)).ToList();
    }

    /// <summary>The bucket of <paramref name="at"/> at a grain: its first instant.</summary>
    public static DateTimeOffset BucketOf(char grain, DateTimeOffset at)
    {
        var u = at.ToUniversalTime();
        return grain switch
        {
            Quarter => FloorQuarter(u),
            Hour => new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero),
            Day => new DateTimeOffset(u.Year, u.Month, u.Day, 0, 0, 0, TimeSpan.Zero),
            Month => new DateTimeOffset(u.Year, u.Month, 1, 0, 0, 0, TimeSpan.Zero),
            Year => new DateTimeOffset(u.Year, 1, 1, 0, 0, 0, TimeSpan.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(grain)),
        };
    }

    public static readonly char[] Grains = [Quarter, Hour, Day, Month, Year];

    private const int DayLevel = 2;

    // Level 4 years, 3 months, 2 days, 1 hours, 0 quarter hours: the buckets of the level between the edges, each edge made good one
    // level finer by adding the part of a bucket the period covers or taking away the part it does not, whichever is shorter.
    private static void Split(DateTimeOffset from, DateTimeOffset until, int level, List<BucketRange<DateTimeOffset>> ranges, int sign = 1,
        int finest = 0)
    {
        if (from >= until) return;
        var grain = Grains[level];
        if (level == finest)
        {
            ranges.Add(new BucketRange<DateTimeOffset>(grain, from, until, sign));
            return;
        }
        var (floorFrom, ceilFrom) = (BucketOf(grain, from), Ceiling(grain, from));
        var (floorUntil, ceilUntil) = (BucketOf(grain, until), Ceiling(grain, until));
        var start = from - floorFrom < ceilFrom - from ? floorFrom : ceilFrom;
        var end = until - floorUntil <= ceilUntil - until ? floorUntil : ceilUntil;
        if (start >= end)
        {
            Split(from, until, level - 1, ranges, sign, finest);
            return;
        }
        if (start < from) Split(start, from, level - 1, ranges, -sign, finest);
        else Split(from, start, level - 1, ranges, sign, finest);
        ranges.Add(new BucketRange<DateTimeOffset>(grain, start, end, sign));
        if (end > until) Split(until, end, level - 1, ranges, -sign, finest);
        else Split(end, until, level - 1, ranges, sign, finest);
    }

    private static DateTimeOffset Ceiling(char grain, DateTimeOffset at)
    {
        var floor = BucketOf(grain, at);
        if (floor == at) return at;
        return grain switch
        {
            Hour => floor.AddHours(1),
            Day => floor.AddDays(1),
            Month => floor.AddMonths(1),
            Year => floor.AddYears(1),
            _ => floor.AddMinutes(15),
        };
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset FloorQuarter(DateTimeOffset u) =>
        new(u.Year, u.Month, u.Day, u.Hour, u.Minute / 15 * 15, 0, TimeSpan.Zero);
}
