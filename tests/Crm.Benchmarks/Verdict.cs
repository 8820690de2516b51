using System.Globalization;

namespace Crm.Benchmarks;

/// <summary>
/// One target a run prints: a measured figure against its threshold. <paramref name="JudgedInQuick"/> is false for
/// absolute figures (rows/s, req/s, p99 at the full size) that a --quick sample is too small or too cold to decide;
/// same-run ratios (both sides equally short) are judged in --quick too.
/// </summary>
public sealed record Target(string Name, double Measured, double Threshold, bool HigherIsBetter, string Unit, bool JudgedInQuick)
{
    /// <summary>A figure that could not be measured (NaN) misses its target.</summary>
    public bool Met => !double.IsNaN(Measured) && (HigherIsBetter ? Measured >= Threshold : Measured < Threshold);

    public string Describe() =>
        $"{Name} {(HigherIsBetter ? "≥" : "<")} {Format(Threshold)}{Unit} ({(double.IsNaN(Measured) ? "not measured" : Format(Measured) + Unit)})";

    private static string Format(double v) =>
        Math.Abs(v) >= 100 ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// The run's verdict over every target it printed. Any judged target missed makes the final line name it and the
/// exit code <see cref="MissedExitCode"/>, so a script or CI step cannot read a missed target as success (1 stays
/// for a crash). --quick lists the targets it does not judge instead of judging them.
/// </summary>
public sealed class Verdict
{
    public const int MissedExitCode = 2;

    private Verdict(IReadOnlyList<Target> judged, IReadOnlyList<Target> notJudged)
    {
        Judged = judged;
        NotJudged = notJudged;
    }

    public IReadOnlyList<Target> Judged { get; }
    public IReadOnlyList<Target> NotJudged { get; }
    public IReadOnlyList<Target> Missed => Judged.Where(t => !t.Met).ToArray();
    public int ExitCode => Missed.Count == 0 ? 0 : MissedExitCode;

    public static Verdict Of(IEnumerable<Target> targets, bool quick)
    {
        var all = targets.ToArray();
        return new Verdict(all.Where(t => !quick || t.JudgedInQuick).ToArray(), all.Where(t => quick && !t.JudgedInQuick).ToArray());
    }

    /// <summary>The closing lines; the last one is the verdict.</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>();
        if (NotJudged.Count > 0) lines.Add($"not judged in --quick (sample too small or too cold): {string.Join("; ", NotJudged.Select(t => t.Describe()))}");
        var missed = Missed;
        if (Judged.Count == 0) lines.Add("no target judged in this run");
        else if (missed.Count == 0) lines.Add($"all {Judged.Count} judged target(s) met");
        else lines.Add($"{missed.Count} of {Judged.Count} judged target(s) MISSED: {string.Join("; ", missed.Select(t => t.Describe()))}");
        return lines;
    }
}
