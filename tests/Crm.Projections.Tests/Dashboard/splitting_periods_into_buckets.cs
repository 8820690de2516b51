using Crm.Projections.Calendar;
using Crm.Projections.Dashboard;

namespace Crm.Projections.Tests.Dashboard;

/// <summary>BucketCover and DashboardPeriod: pure date arithmetic, no database.</summary>
public sealed class splitting_periods_into_buckets
{
    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How many times each quarter hour is counted by the signed ranges (a range taken away counts -1).</summary>
    private static Dictionary<DateTimeOffset, int> Quarters(IEnumerable<BucketRange<DateTimeOffset>> ranges)
    {
        var counted = new Dictionary<DateTimeOffset, int>();
        foreach (var r in ranges)
        {
            for (var bucket = r.From; bucket < r.Until;)
            {
                var next = r.Grain switch
                {
                    'y' => bucket.AddYears(1), 'm' => bucket.AddMonths(1), 'd' => bucket.AddDays(1), 'h' => bucket.AddHours(1), _ => bucket.AddMinutes(15),
                };
                for (var q = bucket; q < next; q = q.AddMinutes(15)) counted[q] = counted.GetValueOrDefault(q) + r.Sign;
                bucket = next;
            }
        }
        return counted;
    }

    /// <summary>Each quarter hour of [from, until) counted once, every other one not at all.</summary>
    private static void AssertExact(IReadOnlyList<BucketRange<DateTimeOffset>> ranges, DateTimeOffset from, DateTimeOffset until)
    {
        var counted = Quarters(ranges);
        Assert.All(counted, c => Assert.Equal(c.Key >= from && c.Key < until ? 1 : 0, c.Value));
        Assert.Equal((int)(until - from).TotalMinutes / 15, counted.Count(c => c.Value == 1));
    }

    [Theory]
    [InlineData("2026-03-01T16:00:00Z", "2026-04-30T16:00:00Z")] // a Shanghai March-and-April: days at the edges, one whole month
    [InlineData("2026-03-31T18:30:00Z", "2026-04-30T18:30:00Z")] // Kolkata's April: half hours at both edges
    [InlineData("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")] // a UTC year: one year row, nothing else
    [InlineData("2025-12-31T18:30:00Z", "2026-12-31T18:30:00Z")] // Kolkata's year: one year row, half hours at both edges
    [InlineData("2024-12-03T16:00:00Z", "2026-12-03T16:00:00Z")] // two Shanghai years from a 4th of December
    [InlineData("2026-03-02T18:15:00Z", "2026-03-03T18:15:00Z")] // one Kathmandu day (+05:45)
    [InlineData("2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")] // New York's spring-forward day: 23 hours
    public void a_period_is_covered_by_whole_buckets_each_quarter_hour_exactly_once(string from, string until)
    {
        var ranges = BucketCover.Of(At(from), At(until));
        AssertExact(ranges, At(from), At(until));
        // Few rows to read: at most one range of the coarsest grain and two of every finer one.
        var coarsest = ranges.MaxBy(r => Array.IndexOf(BucketCover.Grains, r.Grain))!.Grain;
        Assert.True(ranges.Count(r => r.Grain == coarsest) <= 1 && ranges.GroupBy(r => r.Grain).All(g => g.Count() <= 2));
        Assert.All(ranges, r => Assert.Equal(r.From, BucketCover.BucketOf(r.Grain, r.From)));
    }

    [Fact]
    public void random_periods_of_random_zones_are_covered_exactly()
    {
        var random = new Random(20261203);
        string[] zones = ["Asia/Shanghai", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York", "Australia/Lord_Howe", "UTC"];
        for (var i = 0; i < 200; i++)
        {
            var zone = zones[random.Next(zones.Length)];
            var first = new DateOnly(2025, 1, 1).AddDays(random.Next(700));
            var last = first.AddDays(random.Next(400));
            var (from, until) = (CalendarZones.StartOfDay(first, zone), CalendarZones.StartOfDay(last.AddDays(1), zone));
            AssertExact(BucketCover.Of(from, until), from, until);
        }
    }

    [Fact]
    public void a_month_of_a_half_hour_zone_is_one_month_row_with_its_edges_made_good()
    {
        // Kolkata's December: 2026-11-30T18:30Z to 2026-12-31T18:30Z.
        var ranges = BucketCover.Of(At("2026-11-30T18:30:00Z"), At("2026-12-31T18:30:00Z"));
        BucketRange<DateTimeOffset>[] expected =
            [
                new BucketRange<DateTimeOffset>('h', At("2026-11-30T19:00:00Z"), At("2026-12-01T00:00:00Z")),
                new BucketRange<DateTimeOffset>('q', At("2026-11-30T18:30:00Z"), At("2026-11-30T19:00:00Z")),
                new BucketRange<DateTimeOffset>('m', At("2026-12-01T00:00:00Z"), At("2027-01-01T00:00:00Z")),
                new BucketRange<DateTimeOffset>('h', At("2026-12-31T19:00:00Z"), At("2027-01-01T00:00:00Z"), -1),
                new BucketRange<DateTimeOffset>('q', At("2026-12-31T18:30:00Z"), At("2026-12-31T19:00:00Z"), -1),
            ];
        Assert.Equal(expected.OrderBy(r => r.From).ThenBy(r => r.Until), ranges.OrderBy(r => r.From).ThenBy(r => r.Until));
    }

    [Fact]
    public void days_are_covered_by_whole_years_months_and_the_days_at_the_edges()
    {
        static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        // Mid-January to 10 April: the months January to March, less the first fortnight, plus ten days of April.
        Assert.Equal(
            [
                new BucketRange<DateOnly>('d', D("2026-01-01"), D("2026-01-15"), -1),
                new BucketRange<DateOnly>('m', D("2026-01-01"), D("2026-04-01")),
                new BucketRange<DateOnly>('d', D("2026-04-01"), D("2026-04-11")),
            ], BucketCover.OfDays(D("2026-01-15"), D("2026-04-10")).OrderBy(r => r.From).ThenBy(r => r.Grain));
        // Two years to 3 December: two year rows, less December, plus its first three days.
        Assert.Equal(
            [
                new BucketRange<DateOnly>('y', D("2025-01-01"), D("2027-01-01")),
                new BucketRange<DateOnly>('d', D("2026-12-01"), D("2026-12-04")),
                new BucketRange<DateOnly>('m', D("2026-12-01"), D("2027-01-01"), -1),
            ], BucketCover.OfDays(D("2025-01-01"), D("2026-12-03")).OrderBy(r => r.From).ThenBy(r => r.Grain));
        Assert.Equal([new BucketRange<DateOnly>('y', D("2026-01-01"), D("2027-01-01"))], BucketCover.OfDays(D("2026-01-01"), D("2026-12-31")));
        Assert.Equal([new BucketRange<DateOnly>('m', D("2026-02-01"), D("2026-03-01"))], BucketCover.OfDays(D("2026-02-01"), D("2026-02-28")));
        Assert.Equal([new BucketRange<DateOnly>('d', D("2026-02-03"), D("2026-02-04"))], BucketCover.OfDays(D("2026-02-03"), D("2026-02-03")));
        Assert.Empty(BucketCover.OfDays(D("2026-02-03"), D("2026-02-02")));
    }

    [Fact]
    public void random_runs_of_days_are_covered_each_day_exactly_once()
    {
        var random = new Random(20261204);
        for (var i = 0; i < 300; i++)
        {
            var first = new DateOnly(2023, 1, 1).AddDays(random.Next(1500));
            var last = first.AddDays(random.Next(800));
            var counted = new Dictionary<DateOnly, int>();
            foreach (var r in BucketCover.OfDays(first, last))
            {
                for (var day = r.From; day < r.Until; day = day.AddDays(1)) counted[day] = counted.GetValueOrDefault(day) + r.Sign;
            }
            Assert.All(counted, c => Assert.Equal(c.Key >= first && c.Key <= last ? 1 : 0, c.Value));
            Assert.Equal(last.DayNumber - first.DayNumber + 1, counted.Count(c => c.Value == 1));
        }
    }

    [Theory]
    [InlineData("today", "2026-12-03", "2026-12-03", "2026-12-02", "2026-12-02")]
    [InlineData("yesterday", "2026-12-02", "2026-12-02", "2026-12-01", "2026-12-01")]
    [InlineData("this_week", "2026-11-30", "2026-12-06", "2026-11-23", "2026-11-29")]
    [InlineData("last_week", "2026-11-23", "2026-11-29", "2026-11-16", "2026-11-22")]
    [InlineData("this_month", "2026-12-01", "2026-12-31", "2026-11-01", "2026-11-30")]
    [InlineData("last_month", "2026-11-01", "2026-11-30", "2026-10-01", "2026-10-31")]
    [InlineData("this_quarter", "2026-10-01", "2026-12-31", "2026-07-01", "2026-09-30")]
    [InlineData("last_quarter", "2026-07-01", "2026-09-30", "2026-04-01", "2026-06-30")]
    [InlineData("this_year", "2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31")]
    [InlineData("last_year", "2025-01-01", "2025-12-31", "2024-01-01", "2024-12-31")]
    public void named_periods_are_whole_calendar_periods_compared_with_the_one_before(string name, string first, string last, string previousFirst,
        string previousLast)
    {
        var period = DashboardPeriod.Of(name, new DateOnly(2026, 12, 3)); // a Thursday
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last), DateOnly.Parse(previousFirst), DateOnly.Parse(previousLast)),
            (period.First, period.Last, period.PreviousFirst, period.PreviousLast));
    }

    [Fact]
    public void a_custom_period_is_compared_with_as_many_days_before_and_the_trend_ends_with_its_month()
    {
        var period = DashboardPeriod.Of(DashboardPeriod.Custom, new DateOnly(2026, 12, 3), new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 19));
        Assert.Equal((new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 9)), (period.PreviousFirst, period.PreviousLast));
        var months = period.TrendMonths();
        Assert.Equal(12, months.Count);
        Assert.Equal((new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 1)), (months[0], months[^1]));
        // Sunday belongs to the week that began on the Monday before it.
        Assert.Equal(new DateOnly(2026, 11, 30), DashboardPeriod.Of("this_week", new DateOnly(2026, 12, 6)).First);
    }
}
