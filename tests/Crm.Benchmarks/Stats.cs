using System.Diagnostics;

namespace Crm.Benchmarks;

/// <summary>
/// Per-operation latencies as raw Stopwatch ticks, kept whole (no histogram buckets): runs are short
/// enough that a few hundred thousand longs are cheap, and exact percentiles need no interpolation tricks.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly List<long> ticks = new(1 << 14);

    public void Add(long elapsedTicks) => ticks.Add(elapsedTicks);

    public void AddAll(LatencyRecorder other) => ticks.AddRange(other.ticks);

    public int Count => ticks.Count;

    public double PercentileMs(double p)
    {
        if (ticks.Count == 0) return double.NaN;
        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        var index = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>What one side (ours or the baseline) did over all its measured slices.</summary>
public sealed class Measurement
{
    public LatencyRecorder Latencies { get; } = new();
    public long Events { get; private set; }
    public TimeSpan Elapsed { get; private set; }

    private readonly List<double> clientCpuPerEvent = [];
    private readonly List<double> serverCpuPerEvent = [];

    public void Add(long events, TimeSpan elapsed, LatencyRecorder latencies, double clientCpuMicrosPerEvent = double.NaN, double serverCpuMicrosPerEvent = double.NaN)
    {
        clientCpuPerEvent.Add(clientCpuMicrosPerEvent);
        serverCpuPerEvent.Add(serverCpuMicrosPerEvent);
        Events += events;
        Elapsed += elapsed;
        Latencies.AddAll(latencies);
    }

    public double EventsPerSecond => Elapsed == TimeSpan.Zero ? double.NaN : Events / Elapsed.TotalSeconds;
    /// <summary>The benchmark process's CPU time per event (µs), averaged over slices: the client side's cost.</summary>
    public double ClientCpuMicrosPerEvent => clientCpuPerEvent.Count == 0 ? double.NaN : clientCpuPerEvent.Average();

    /// <summary>The PostgreSQL server's CPU time per event (µs), when it runs on this machine; NaN otherwise.</summary>
    public double ServerCpuMicrosPerEvent => serverCpuPerEvent.Count == 0 ? double.NaN : serverCpuPerEvent.Average();

    public double P50 => Latencies.PercentileMs(50);
    public double P99 => Latencies.PercentileMs(99);
}
