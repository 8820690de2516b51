using System.Diagnostics;

namespace Crm.Benchmarks;

/// <summary>
/// Runs N workers as concurrent tasks for a warm-up and then a fixed measured duration. Each worker is
/// a loop over one operation that returns how many events it handled; its latency is the operation's
/// own Stopwatch ticks. Workers take connections from the data source per operation, exactly as the
/// event store does, so both sides pay the same pool cost.
/// </summary>
public static class ConcurrentLoad
{
    public delegate Task<int> Operation();

    /// <param name="newWorker">Called once per worker (index 0..N-1) to build its operation, so each worker keeps its own streams.</param>
    /// <returns>The measured events, window and latencies; and every event of the run, warm-up included, to
    /// divide CPU time by (CPU time cannot be split by window).</returns>
    public static async Task<(long Events, TimeSpan Elapsed, LatencyRecorder Latencies, long AllEvents)> RunAsync(
        int workers, TimeSpan warmUp, TimeSpan duration, Func<int, Operation> newWorker)
    {
        var clock = Stopwatch.StartNew();
        var measureFrom = warmUp;
        var stopAt = warmUp + duration;
        var recorders = new LatencyRecorder[workers];
        var counts = new long[workers];
        var ends = new TimeSpan[workers];
        var all = new long[workers];

        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var op = newWorker(w);
            var recorder = recorders[w] = new LatencyRecorder();
            while (true)
            {
                var start = clock.Elapsed;
                if (start >= stopAt) break;
                var t0 = Stopwatch.GetTimestamp();
                var n = await op();
                var ticks = Stopwatch.GetTimestamp() - t0;
                all[w] += n;
                // Only operations that start inside the window count; the window ends when the
                // last of them ends, so no partial operation inflates or deflates the rate.
                if (start >= measureFrom)
                {
                    recorder.Add(ticks);
                    counts[w] += n;
                }
            }
            ends[w] = clock.Elapsed;
        })).ToArray();
        await Task.WhenAll(tasks);

        var latencies = new LatencyRecorder();
        foreach (var r in recorders) latencies.AddAll(r);
        return (counts.Sum(), ends.Max() - measureFrom, latencies, all.Sum());
    }
}
