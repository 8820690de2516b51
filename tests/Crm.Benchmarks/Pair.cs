namespace Crm.Benchmarks;

/// <summary>
/// Measures the engine and its baseline(s) together: each slice starts on freshly reset, vacuumed and
/// checkpointed tables; the order rotates by round, so drift in the machine's load (others build on
/// the same 2 cores) falls on every side rather than on whichever ran last.
/// </summary>
public static class Pair
{
    public static async Task<(Measurement Ours, Measurement Baseline)> RunAsync(
        BenchDatabase db, BenchOptions options, int writers,
        Func<int, ConcurrentLoad.Operation> ours, Func<int, ConcurrentLoad.Operation> baseline)
    {
        var m = await RunAsync(db, options, writers, [baseline, ours]);
        return (m[1], m[0]);
    }

    public static async Task<Measurement[]> RunAsync(
        BenchDatabase db, BenchOptions options, int writers, IReadOnlyList<Func<int, ConcurrentLoad.Operation>> sides,
        IEnumerable<Crm.EventStore.Schema.Migration>? migrations = null)
    {
        var measurements = sides.Select(_ => new Measurement()).ToArray();
        for (var round = 0; round < options.Rounds; round++)
        {
            for (var k = 0; k < sides.Count; k++)
            {
                var side = (k + round) % sides.Count;
                await db.ResetAsync(migrations, existingStreams: options.ExistingStreams);
                // The server probe scans /proc: read it before the client's clock starts, not inside it.
                var serverBefore = db.ServerCpu?.Seconds();
                var clientBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var (events, elapsed, latencies, all) = await ConcurrentLoad.RunAsync(writers, options.WarmUp, options.Slice, sides[side]);
                var client = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalMicroseconds / Math.Max(1, all);
                var server = db.ServerCpu is { } probe ? (probe.Seconds() - serverBefore!.Value) * 1e6 / Math.Max(1, all) : double.NaN;
                measurements[side].Add(events, elapsed, latencies, client, server);
            }
        }
        return measurements;
    }
}
