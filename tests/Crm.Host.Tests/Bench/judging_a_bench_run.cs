// An alias: the benchmark program has a Program class of its own, as the host has.
extern alias bench;
using bench::Crm.Benchmarks;

namespace Crm.Host.Tests.Bench;

/// <summary>
/// The verdict of ops/bench as pure logic: every target the run printed counts, a missed one is named on the last
/// line and fails the exit code, and --quick lists the targets it does not judge instead of judging them.
/// </summary>
public sealed class judging_a_bench_run
{
    private static readonly Target Import = new("import 10,000", 3_498, 5_000, true, " rows/s", JudgedInQuick: false);
    private static readonly Target Append = new("append 1/tx, 8 writers events/s ratio", 0.93, 0.8, true, "×", JudgedInQuick: true);
    private static readonly Target Page = new("first page p99", 31.5, 25, false, " ms", JudgedInQuick: false);

    [Fact]
    public void a_missed_absolute_target_is_named_on_the_last_line_and_fails_the_run()
    {
        // The run of issue 10 printed this import MISSED and then "all targets met" (only ratios were counted).
        var verdict = Verdict.Of([Append, Import], quick: false);

        Assert.Equal([Import], verdict.Missed);
        Assert.Equal("1 of 2 judged target(s) MISSED: import 10,000 ≥ 5,000 rows/s (3,498 rows/s)", verdict.Lines()[^1]);
        Assert.Equal(Verdict.MissedExitCode, verdict.ExitCode);
    }

    [Fact]
    public void every_missed_target_is_named_whatever_its_direction()
    {
        var verdict = Verdict.Of([Import, Append, Page], quick: false);

        Assert.Equal([Import, Page], verdict.Missed);
        Assert.Contains("first page p99 < 25 ms (31.5 ms)", verdict.Lines()[^1], StringComparison.Ordinal);
        Assert.StartsWith("2 of 3 judged target(s) MISSED", verdict.Lines()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void quick_lists_what_it_does_not_judge_and_judges_the_rest()
    {
        var verdict = Verdict.Of([Import, Append, Page], quick: true);

        Assert.Equal([Append], verdict.Judged);
        Assert.Equal([Import, Page], verdict.NotJudged);
        Assert.Equal(0, verdict.ExitCode);
        Assert.Equal(
            ["not judged in --quick (sample too small or too cold): import 10,000 ≥ 5,000 rows/s (3,498 rows/s); first page p99 < 25 ms (31.5 ms)",
             "all 1 judged target(s) met"],
            verdict.Lines());
    }

    [Fact]
    public void a_figure_that_could_not_be_measured_misses_its_target()
    {
        var unmeasured = Page with { Measured = double.NaN };

        Assert.False(unmeasured.Met);
        Assert.Equal(Verdict.MissedExitCode, Verdict.Of([unmeasured], quick: false).ExitCode);
        Assert.Contains("(not measured)", Verdict.Of([unmeasured], quick: false).Lines()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void a_run_without_targets_says_so_rather_than_all_met() =>
        Assert.Equal(["no target judged in this run"], Verdict.Of([], quick: false).Lines());

    [Fact]
    public void a_ratio_figure_with_a_minimum_is_a_target_of_the_report()
    {
        var report = new Report(quick: true);
        report.Add(new Figure("append 1/tx, 8 writers", "events/s", 700, 1_000, 0.8, true));
        report.Add(new Figure("load", "p50 ms/read", 1, 1, null, false));

        var target = Assert.Single(report.Targets);
        Assert.False(target.Met);
        Assert.True(target.JudgedInQuick);
        Assert.Equal(Verdict.MissedExitCode, report.PrintVerdict());
    }
}
