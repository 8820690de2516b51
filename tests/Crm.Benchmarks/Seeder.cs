using System.Diagnostics;
using Crm.EventStore;

namespace Crm.Benchmarks;

/// <summary>
/// Fills the store through its public append, as production would: each append writes two whole
/// 50-event streams (100 events), from 4 concurrent writers. Direct inserts would skip the very code
/// whose output the read benchmarks consume.
/// </summary>
public static class Seeder
{
    public const int EventsPerStream = 50;
    private const int StreamsPerAppend = 2;
    private const int Writers = 4;

    public static async Task<Guid[]> SeedAsync(EventStore.EventStore store, int streams)
    {
        var ids = Enumerable.Range(0, streams).Select(_ => Guid.CreateVersion7()).ToArray();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var first = Interlocked.Add(ref next, StreamsPerAppend) - StreamsPerAppend + 1;
                if (first >= streams) return;
                var appends = new List<StreamAppend>();
                for (var s = first; s < Math.Min(first + StreamsPerAppend, streams); s++)
                {
                    var events = new object[EventsPerStream];
                    for (var v = 1; v <= EventsPerStream; v++) events[v - 1] = Workload.EventAt(v, s);
                    appends.Add(new StreamAppend(ids[s], Workload.StreamType, ExpectedVersion.NoStream, events));
                }
                await store.AppendAsync(appends);
            }
        })));
        var total = (long)streams * EventsPerStream;
        Console.WriteLine($"  seeded {total:#,0} events ({streams:#,0} streams × {EventsPerStream}) through AppendAsync, " +
                          $"{StreamsPerAppend * EventsPerStream}/append, {Writers} writers: {total / clock.Elapsed.TotalSeconds:#,0} events/s");
        return ids;
    }

    /// <summary>What folding any seeded stream must give: one registration, then orders at versions 2..50.</summary>
    public static (int Orders, decimal Total) ExpectedFold()
    {
        var total = 0m;
        for (var v = 2; v <= EventsPerStream; v++) total += Workload.AmountOf(v);
        return (EventsPerStream - 1, total);
    }
}
