using Crm.Projections.Reports;

namespace Crm.Projections.Tests.Reports;

/// <summary>The pure part of the reports: periods, the range's instants, folding days into periods, totals per currency, ranks.</summary>
public sealed class folding_report_rows
{
    private static DateOnly Day(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static ReportLine Line(string? key, string? currency, params decimal?[] values) => new(key, key ?? ReportFolding.NoneLabel, currency, values);

    [Theory]
    [InlineData("2026-03-04", "day", "2026-03-04", "2026-03-04")]
    [InlineData("2026-03-04", "week", "2026-03-02", "2026-W10")]
    [InlineData("2026-01-01", "week", "2025-12-29", "2026-W01")]
    [InlineData("2027-01-03", "week", "2026-12-28", "2026-W53")]
    [InlineData("2026-03-04", "month", "2026-03-01", "2026-03")]
    [InlineData("2026-12-31", "quarter", "2026-10-01", "2026-Q4")]
    [InlineData("2026-02-28", "quarter", "2026-01-01", "2026-Q1")]
    [InlineData("2026-07-15", "year", "2026-01-01", "2026")]
    public void a_day_falls_in_the_period_that_starts_on_its_first_day_and_reads_as_people_write_it(string day, string period, string start, string label)
    {
        Assert.Equal(Day(start), ReportPeriods.StartOf(Day(day), period));
        Assert.Equal(label, ReportPeriods.Label(Day(start), period));
    }

    [Fact]
    public void the_range_is_whole_days_of_the_callers_zone_including_a_day_shortened_by_daylight_saving()
    {
        var shanghai = new ReportWindow(Day("2026-03-01"), Day("2026-03-31"), "Asia/Shanghai", Day("2026-03-15"));
        var berlin = new ReportWindow(Day("2026-03-29"), Day("2026-03-29"), "Europe/Berlin", Day("2026-03-29"));

        Assert.Equal(DateTimeOffset.Parse("2026-02-28T16:00:00Z"), shanghai.Start);
        Assert.Equal(DateTimeOffset.Parse("2026-03-31T16:00:00Z"), shanghai.End);
        Assert.Equal(TimeSpan.FromHours(23), berlin.End - berlin.Start);
    }

    [Fact]
    public void days_fold_into_their_periods_and_totals_never_add_currencies_together()
    {
        IReadOnlyList<ReportLine> days =
        [
            Line("2026-03-30", "CNY", 10m, 1m), Line("2026-03-31", "CNY", 5m, null), Line("2026-04-01", "CNY", 7m, 2m), Line("2026-03-30", "EUR", 3m, 0m),
        ];

        var table = ReportFolding.Fold(["received", "planned"], days, ReportGroupBy.Month);

        Assert.Equal([("2026-03-01", "2026-03", "CNY", 15m), ("2026-03-01", "2026-03", "EUR", 3m), ("2026-04-01", "2026-04", "CNY", 7m)],
            table.Rows.Select(r => (r.Key, r.Label, r.Currency, r.Values[0]!.Value)));
        Assert.Equal(1m, table.Rows[0].Values[1]);
        Assert.Equal([("CNY", 22m, 3m), ("EUR", 3m, 0m)], table.Totals.Select(t => (t.Currency, t.Values[0]!.Value, t.Values[1]!.Value)));
        Assert.All(table.Totals, t => Assert.Equal((null, ReportFolding.TotalLabel), (t.Key, t.Label)));
    }

    [Fact]
    public void rates_are_recomputed_from_the_sums_not_added_up()
    {
        IReadOnlyList<ReportLine> rows = [Line("web", null, 3m, 1m, null), Line("fair", null, 1m, 1m, null), Line(null, null, 0m, 0m, null)];

        var table = ReportFolding.Fold(["leads", "converted", "conversionRate"], rows, ReportGroupBy.Source,
            v => [v[0], v[1], ReportFolding.Percent(v[1], v[0])]);

        Assert.Equal([("web", 33.33m), ("fair", 100m)], table.Rows.Take(2).Select(r => (r.Key!, r.Values[2]!.Value)));
        Assert.Null(table.Rows[2].Values[2]);
        Assert.Equal(50m, Assert.Single(table.Totals).Values[2]);
    }

    [Fact]
    public void equal_figures_share_a_rank_and_the_next_rank_skips_per_currency()
    {
        var table = new ReportTable(["contractAmount"],
            [Line("d", "CNY", 5m), Line("a", "CNY", 9m), Line("b", "CNY", 7m), Line("c", "CNY", 7m), Line("e", "USD", 1m)], []);

        var ranked = ReportRanks.Rank(table);

        Assert.Equal([("a", 1), ("b", 2), ("c", 2), ("d", 4), ("e", 1)], ranked.Rows.Select(r => (r.Key!, r.Rank!.Value)));
    }
}
