using System.Globalization;

namespace Crm.Benchmarks;

/// <summary>One figure beside its baseline from the same run. Ratio is always ours ÷ baseline.</summary>
public sealed record Figure(string Benchmark, string Metric, double Ours, double Baseline, double? MinRatio, bool HigherIsBetter)
{
    public double Ratio => Ours / Baseline;

    public string Verdict => MinRatio is not { } min ? "" : Ratio >= min ? $"≥{min:0.0#}× met" : $"≥{min:0.0#}× MISSED";
}

/// <summary>Prints each figure as it is measured, the whole set as a table at the end, and the verdict over every target.</summary>
public sealed class Report(bool quick = false)
{
    private readonly List<Figure> figures = [];
    private readonly List<string> notes = [];
    private readonly List<Target> targets = [];

    public IReadOnlyList<Target> Targets => targets;

    public void Add(Figure figure)
    {
        figures.Add(figure);
        if (figure.MinRatio is { } min) targets.Add(new Target($"{figure.Benchmark} {figure.Metric} ratio", figure.Ratio, min, true, "×", JudgedInQuick: true));
        Console.WriteLine($"  {figure.Metric,-16} ours {Format(figure.Ours),10}   baseline {Format(figure.Baseline),10}   ratio {figure.Ratio,5:0.00}  {figure.Verdict}");
    }

    public void AddThroughput(string benchmark, Measurement ours, Measurement baseline, double? target)
    {
        Add(new Figure(benchmark, "events/s", ours.EventsPerSecond, baseline.EventsPerSecond, target, true));
    }

    public void AddLatencies(string benchmark, string unit, Measurement ours, Measurement baseline)
    {
        Add(new Figure(benchmark, $"p50 ms/{unit}", ours.P50, baseline.P50, null, false));
        Add(new Figure(benchmark, $"p99 ms/{unit}", ours.P99, baseline.P99, null, false));
    }

    /// <summary>
    /// Ours beside a peer engine (Marten) measured in the same slices: the ratio is ours ÷ the peer, printed under the
    /// ratio to the raw baseline; not a target (the targets are against the raw baseline).
    /// </summary>
    public void AddPeer(string benchmark, string peer, Measurement ours, Measurement other, bool latencies = true)
    {
        Add(new Figure(benchmark, $"÷{peer} events/s", ours.EventsPerSecond, other.EventsPerSecond, null, true));
        if (!latencies) return;
        Add(new Figure(benchmark, $"÷{peer} p50 ms", ours.P50, other.P50, null, false));
        Add(new Figure(benchmark, $"÷{peer} p99 ms", ours.P99, other.P99, null, false));
    }

    /// <summary>Client CPU per event: where the gap is when the server is not the bottleneck (2 cores are shared).</summary>
    public void AddClientCpu(string benchmark, Measurement ours, Measurement baseline)
    {
        Add(new Figure(benchmark, "client µs/event", ours.ClientCpuMicrosPerEvent, baseline.ClientCpuMicrosPerEvent, null, false));
        if (!double.IsNaN(ours.ServerCpuMicrosPerEvent))
            Add(new Figure(benchmark, "server µs/event", ours.ServerCpuMicrosPerEvent, baseline.ServerCpuMicrosPerEvent, null, false));
    }

    /// <summary>A target on an absolute figure, printed now and counted in the verdict.</summary>
    public void Add(Target target)
    {
        targets.Add(target);
        var state = quick && !target.JudgedInQuick ? "not judged in --quick" : target.Met ? "met" : "MISSED";
        Console.WriteLine($"  target: {target.Describe()}: {state}");
    }

    public void Note(string note)
    {
        notes.Add(note);
        Console.WriteLine($"  note: {note}");
    }

    public static void Section(string title) => Console.WriteLine($"\n== {title}");

    public void PrintSummary()
    {
        Console.WriteLine();
        Console.WriteLine("== Summary (ratio = ours ÷ baseline; latencies: lower is better)");
        var width = Math.Max(10, figures.Select(f => f.Benchmark.Length).DefaultIfEmpty(10).Max());
        Console.WriteLine($"{"benchmark".PadRight(width)}  {"metric",-16} {"ours",10} {"baseline",10} {"ratio",6}  target");
        foreach (var f in figures)
        {
            Console.WriteLine($"{f.Benchmark.PadRight(width)}  {f.Metric,-16} {Format(f.Ours),10} {Format(f.Baseline),10} {f.Ratio,6:0.00}  {f.Verdict}");
        }
        foreach (var n in notes) Console.WriteLine($"note: {n}");
        foreach (var t in targets)
            Console.WriteLine($"target: {t.Describe()}: {(quick && !t.JudgedInQuick ? "not judged in --quick" : t.Met ? "met" : "MISSED")}");
    }

    /// <summary>Prints the verdict (its last line names every missed target) and returns the process exit code.</summary>
    public int PrintVerdict()
    {
        var verdict = Verdict.Of(targets, quick);
        foreach (var line in verdict.Lines()) Console.WriteLine(line);
        return verdict.ExitCode;
    }

    private static string Format(double v) =>
        double.IsNaN(v) ? "n/a" : v >= 100 ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("0.00", CultureInfo.InvariantCulture);
}
