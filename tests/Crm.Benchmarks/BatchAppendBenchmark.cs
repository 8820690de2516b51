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

        // The seeders' shape: new streams only, 2 × 50 events per transaction, 4 writers. Sequential (unrotated) seeding
        // measured Marten ahead of ours in one run and behind in another; here it is rotated, on tables that are not empty.
        if (marten is null) return;
        const string seedShape = "append 2 new streams×50/tx, 4 writers";
        Report.Section(seedShape);
        var seedSides = new List<Func<int, ConcurrentLoad.Operation>>
        {
            _ => NewStreams(picks => raw.AppendAsync(picks.Select(p => new RawAppender.Append(p.Id, 0, p.Events)).ToList())),
            _ => NewStreams(picks => store.AppendAsync(picks.Select(p => new StreamAppend(p.Id, Workload.StreamType, ExpectedVersion.NoStream, p.Events)).ToList())),
            _ => NewStreams(picks => marten.AppendAsync(picks.Select(p => (p.Id, 0L, p.Events)).ToList())),
        };
        var seed = await Pair.RunAsync(db, options, 4, seedSides);
        report.AddThroughput(seedShape, seed[1], seed[0], null);
        report.AddLatencies(seedShape, "tx", seed[1], seed[0]);
        report.AddPeer(seedShape, "Marten", seed[1], seed[2]);
        report.AddClientCpu(seedShape, seed[1], seed[0]);
        report.AddClientCpu(seedShape + " (Marten as baseline)", seed[1], seed[2]);
    }

    private static ConcurrentLoad.Operation NewStreams(Func<List<(Guid Id, object[] Events)>, Task> append)
    {
        var next = 0;
        return async () =>
        {
            var picks = new List<(Guid Id, object[] Events)>(2);
            for (var s = 0; s < 2; s++)
            {
                var number = next++;
                var events = new object[Seeder.EventsPerStream];
                for (var v = 1; v <= Seeder.EventsPerStream; v++) events[v - 1] = Workload.EventAt(v, number);
                picks.Add((Guid.CreateVersion7(), events));
            }
            await append(picks);
            return 2 * Seeder.EventsPerStream;
        };
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
