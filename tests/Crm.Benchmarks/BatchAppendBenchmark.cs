using Crm.EventStore;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 2: 100 events per transaction, in two shapes. "1 stream × 100" is an import or a large
/// command on one record; "100 streams × 1" is Marten's published shape (research/marten-peer.md),
/// the same rows as single appends grouped into fewer commits. Target ≥ 0.8× baseline.
/// Marten (when given) is a third side in the same rotation: one lightweight session and SaveChangesAsync per transaction, Quick append.
/// </summary>
public static class BatchAppendBenchmark
{
    private const int BatchSize = 100;

    public static async Task RunAsync(BenchDatabase db, EventStore.EventStore store, MartenSide? marten, BenchOptions options, Report report)
    {
        var raw = new RawAppender(db.DataSource);
        foreach (var writers in options.BatchWriters)
        {
            var suffix = $"{writers} writer{(writers == 1 ? "" : "s")}";

            var oneStream = $"append 1 stream×100/tx, {suffix}";
            Report.Section(oneStream);
            var oneSides = new List<Func<int, ConcurrentLoad.Operation>>
            {
                _ => OneStream((streams, i, id, number, version, events) => raw.AppendAsync([new RawAppender.Append(id, version, events)])),
                _ => OneStream((streams, i, id, number, version, events) =>
                    store.AppendAsync(new StreamAppend(id, Workload.StreamType, Expected(version), events))),
            };
            if (marten is not null) oneSides.Add(_ => OneStream((streams, i, id, number, version, events) => marten.AppendAsync([(id, version, events)])));
            var m = await Pair.RunAsync(db, options, writers, oneSides);
            var (baseline, ours) = (m[0], m[1]);
            report.AddThroughput(oneStream, ours, baseline, 0.8);
            report.AddLatencies(oneStream, "tx", ours, baseline);
            if (marten is not null) report.AddPeer(oneStream, "Marten", ours, m[2]);

            var manyStreams = $"append 100 streams×1/tx, {suffix}";
            Report.Section(manyStreams);
            var manySides = new List<Func<int, ConcurrentLoad.Operation>>
            {
                _ => ManyStreams(picks => raw.AppendAsync(
                    picks.Select(p => new RawAppender.Append(p.Id, p.Version, [Workload.EventAt(p.Version + 1, p.Number)])).ToList())),
                _ => ManyStreams(picks => store.AppendAsync(
                    picks.Select(p => new StreamAppend(p.Id, Workload.StreamType, Expected(p.Version), [Workload.EventAt(p.Version + 1, p.Number)])).ToList())),
            };
            if (marten is not null)
            {
                manySides.Add(_ => ManyStreams(picks =>
                    marten.AppendAsync(picks.Select(p => (p.Id, p.Version, new[] { Workload.EventAt(p.Version + 1, p.Number) })).ToList())));
            }
            m = await Pair.RunAsync(db, options, writers, manySides);
            (baseline, ours) = (m[0], m[1]);
            report.AddThroughput(manyStreams, ours, baseline, 0.8);
            report.AddLatencies(manyStreams, "tx", ours, baseline);
            if (marten is not null) report.AddPeer(manyStreams, "Marten", ours, m[2]);
            report.AddClientCpu(manyStreams, ours, baseline);
        }
    }

    private static ExpectedVersion Expected(long version) => version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version);

    private delegate Task OneStreamAppend(OwnedStreams streams, int index, Guid id, int number, long version, object[] events);

    private static ConcurrentLoad.Operation OneStream(OneStreamAppend append)
    {
        var streams = new OwnedStreams(20);
        return async () =>
        {
            var (index, id, number, version) = streams.Next();
            var events = new object[BatchSize];
            for (var j = 0; j < BatchSize; j++) events[j] = Workload.EventAt(version + 1 + j, number);
            await append(streams, index, id, number, version, events);
            streams.Advance(index, BatchSize);
            return BatchSize;
        };
    }

    private static ConcurrentLoad.Operation ManyStreams(Func<List<(Guid Id, int Number, long Version)>, Task> append)
    {
        // 20 groups of 100 streams per writer; each transaction takes the next group whole.
        var streams = new OwnedStreams(BatchSize * 20);
        return async () =>
        {
            var picks = new List<(int Index, Guid Id, int Number, long Version)>(BatchSize);
            for (var j = 0; j < BatchSize; j++) picks.Add(streams.Next());
            await append(picks.Select(p => (p.Id, p.Number, p.Version)).ToList());
            foreach (var p in picks) streams.Advance(p.Index, 1);
            return BatchSize;
        };
    }
}
