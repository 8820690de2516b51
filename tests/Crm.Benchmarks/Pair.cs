namespace Crm.Benchmarks;

/// <summary>
/// Measures the engine and its baseline as a pair: each slice starts on freshly reset, vacuumed and
/// checkpointed tables; the order alternates by round, so drift in the machine's load (others build
/// on the same 2 cores) falls on both sides rather than on whichever ran second.
/// </summary>
public static class Pair
{
    public static async Task<(Measurement Ours, Measurement Baseline)> RunAsync(
        BenchDatabase db, BenchOptions options, int writers,
        Func<int, ConcurrentLoad.Operation> ours, Func<int, ConcurrentLoad.Operation> baseline)
    {
        var o = new Measurement();
        var b = new Measurement();
        for (var round = 0; round < options.Rounds; round++)
        {
            var sides = round % 2 == 0
                ? new[] { (b, baseline), (o, ours) }
                : new[] { (o, ours), (b, baseline) };
            foreach (var (measurement, factory) in sides)
            {
                await db.ResetAsync();
                var (events, elapsed, latencies) = await ConcurrentLoad.RunAsync(writers, options.WarmUp, options.Slice, factory);
                measurement.Add(events, elapsed, latencies);
            }
        }
        return (o, b);
    }
}
