namespace Crm.Projections.Dashboard;

/// <summary>One grain's buckets to sum: those whose first instant (or day) is in [From, Until).</summary>
public sealed record BucketRange<T>(char Grain, T From, T Until);

/// <summary>
/// Splits a period into the fewest buckets of the dashboard's grains: whole months inside it, then whole days at its edges, then
/// hours and quarter hours. Summing one row per bucket so chosen counts every event in the period exactly once, whatever the
/// caller's zone (every zone's midnights fall on a quarter hour; an instant between quarter hours is taken down to one).
/// </summary>
public static class BucketCover
{
    public const char Quarter = 'q', Hour = 'h', Day = 'd', Month = 'm';

    /// <summary>The UTC instants of <paramref name="from"/> (inclusive) to <paramref name="until"/> (exclusive).</summary>
    public static IReadOnlyList<BucketRange<DateTimeOffset>> Of(DateTimeOffset from, DateTimeOffset until)
    {
        var ranges = new List<BucketRange<DateTimeOffset>>();
        Split(FloorQuarter(from.ToUniversalTime()), FloorQuarter(until.ToUniversalTime()), 3, ranges);
        return ranges;
    }

    /// <summary>The days <paramref name="first"/> to <paramref name="last"/> (both inclusive), as whole months and days.</summary>
    public static IReadOnlyList<BucketRange<DateOnly>> OfDays(DateOnly first, DateOnly last)
    {
        var ranges = new List<BucketRange<DateOnly>>();
        if (last < first) return ranges;
        var until = last.AddDays(1);
        var monthStart = first.Day == 1 ? first : new DateOnly(first.Year, first.Month, 1).AddMonths(1);
        var monthEnd = new DateOnly(until.Year, until.Month, 1);
        if (monthStart >= monthEnd)
        {
            ranges.Add(new BucketRange<DateOnly>(Day, first, until));
            return ranges;
        }
        if (first < monthStart) ranges.Add(new BucketRange<DateOnly>(Day, first, monthStart));
        ranges.Add(new BucketRange<DateOnly>(Month, monthStart, monthEnd));
        if (monthEnd < until) ranges.Add(new BucketRange<DateOnly>(Day, monthEnd, until));
        return ranges;
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
            _ => throw new ArgumentOutOfRangeException(nameof(grain)),
        };
    }

    public static readonly char[] Grains = [Quarter, Hour, Day, Month];

    // Level 3 months, 2 days, 1 hours, 0 quarter hours: the coarsest buckets that fit whole, then the edges one level finer.
    private static void Split(DateTimeOffset from, DateTimeOffset until, int level, List<BucketRange<DateTimeOffset>> ranges)
    {
        if (from >= until) return;
        var grain = Grains[level];
        if (level == 0)
        {
            ranges.Add(new BucketRange<DateTimeOffset>(grain, from, until));
            return;
        }
        var first = Ceiling(grain, from);
        var last = BucketOf(grain, until);
        if (first >= last)
        {
            Split(from, until, level - 1, ranges);
            return;
        }
        Split(from, first, level - 1, ranges);
        ranges.Add(new BucketRange<DateTimeOffset>(grain, first, last));
        Split(last, until, level - 1, ranges);
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
            _ => floor.AddMinutes(15),
        };
    }

    private static DateTimeOffset FloorQuarter(DateTimeOffset u) =>
        new(u.Year, u.Month, u.Day, u.Hour, u.Minute / 15 * 15, 0, TimeSpan.Zero);
}
