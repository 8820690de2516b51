using System.Diagnostics;

namespace Crm.Benchmarks;

/// <summary>Latency slices of a query and its baseline, in alternating chunks so load drift on the shared machine falls on both.</summary>
public static class Alternation
{
    private const int Chunk = 25;

    /// <summary>Warms both sides up, then alternates chunks of each until both have run the load slice.</summary>
    public static async Task<(Measurement Ours, Measurement Baseline)> RunAsync(BenchOptions options, Func<int, Task> ours, Func<int, Task> baseline)
    {
        var warm = Stopwatch.StartNew();
        for (var i = 0; i == 0 || warm.Elapsed < options.WarmUp; i++)
        {
            await ours(i);
            await baseline(i);
        }
        var o = new Measurement();
        var b = new Measurement();
        var turn = 0;
        var n = 0;
        while (o.Elapsed < options.LoadSlice || b.Elapsed < options.LoadSlice)
        {
            var (target, op) = turn++ % 2 == 0 ? (b, baseline) : (o, ours);
            var latencies = new LatencyRecorder();
            var clock = Stopwatch.StartNew();
            // A chunk ends early past the slice: some reports take seconds per call at full size.
            var done = 0;
            while (done < Chunk && (done == 0 || clock.Elapsed < options.LoadSlice))
            {
                var t0 = Stopwatch.GetTimestamp();
                await op(n++);
                latencies.Add(Stopwatch.GetTimestamp() - t0);
                done++;
            }
            target.Add(done, clock.Elapsed, latencies);
        }
        return (o, b);
    }
}
