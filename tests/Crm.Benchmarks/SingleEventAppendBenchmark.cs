using Crm.EventStore;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 1: one event per transaction, the CRM's everyday command. Each writer cycles over 1,000
/// streams of its own (the first pass creates them, later passes compare-and-set an existing version),
/// so the load mixes new and existing streams like real traffic. Target: 8 writers ≥ 0.8× baseline.
/// Marten (when given) is a third side in the same rotation: the same streams and events through a lightweight session
/// and Quick append, one SaveChangesAsync per event.
/// </summary>
public static class SingleEventAppendBenchmark
{
    private const int StreamsPerWriter = 1_000;

    public static async Task RunAsync(BenchDatabase db, EventStore.EventStore store, MartenSide? marten, BenchOptions options, Report report)
    {
        var raw = new RawAppender(db.DataSource);
        var rawNotify = new RawAppender(db.DataSource, notify: true);
        foreach (var writers in options.SingleWriters)
        {
            var name = $"append 1/tx, {writers} writer{(writers == 1 ? "" : "s")}";
            Report.Section(name);
            var sides = new List<Func<int, ConcurrentLoad.Operation>>
            {
                _ => RawWriter(raw),
                _ =>
                {
                    var streams = new OwnedStreams(StreamsPerWriter);
                    return async () =>
                    {
                        var (index, id, number, version) = streams.Next();
                        var expected = version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version);
                        await store.AppendAsync(new StreamAppend(id, Workload.StreamType, expected, [Workload.EventAt(version + 1, number)]));
                        streams.Advance(index, 1);
                        return 1;
                    };
                },
            };
            var martenSide = -1;
            if (marten is not null)
            {
                martenSide = sides.Count;
                sides.Add(_ => MartenWriter(marten));
            }
            // Another side, the baseline plus the engine's pg_notify, shows how much of the gap that one
            // statement explains: NOTIFY takes a cluster-wide lock at commit and holds it across the
            // WAL flush, so concurrent appends cannot share a flush (group commit). Full runs only.
            var notifySide = -1;
            if (!options.Quick)
            {
                notifySide = sides.Count;
                sides.Add(_ => RawWriter(rawNotify));
            }
            var m = await Pair.RunAsync(db, options, writers, sides);
            var (baseline, ours) = (m[0], m[1]);
            report.AddThroughput(name, ours, baseline, writers == 8 ? 0.8 : null);
            report.AddLatencies(name, "tx", ours, baseline);
            if (martenSide >= 0) report.AddPeer(name, "Marten", ours, m[martenSide]);
            report.AddClientCpu(name, ours, baseline);
            if (martenSide >= 0) report.AddClientCpu(name + " (Marten as baseline)", ours, m[martenSide]);
            if (notifySide >= 0) report.Add(new Figure(name, "vs base+notify", ours.EventsPerSecond, m[notifySide].EventsPerSecond, null, true));
        }

        await RunCommandAsync(db, options, report);
    }

    /// <summary>Figure 1c: the same events as a command appends them (idempotency key, inline projection), at the most writers.</summary>
    public static async Task RunCommandAsync(BenchDatabase db, BenchOptions options, Report report)
    {
        var commandWriters = options.SingleWriters.Max();
        var command = $"append 1/tx as a command, {commandWriters} writers";
        Report.Section(command);
        Console.WriteLine($"  connections as the host makes them: Max Auto Prepare={Crm.Host.Platform.DatabaseSetup.DefaultMaxAutoPrepare} (both sides)");
        await using var commandSource = CommandAppend.DataSource(db);
        var commandStore = CommandAppend.Store(commandSource);
        await CommandAppend.CheckSameWritesAsync(db, commandSource, commandStore);
        var statements = new PgStatements(db);
        await statements.ResetAsync();
        var c = await Pair.RunAsync(db, options, commandWriters,
        [
            _ =>
            {
                var streams = new OwnedStreams(StreamsPerWriter);
                return async () =>
                {
                    var (index, id, number, version) = streams.Next();
                    await CommandAppend.RawAsync(commandSource, id, version, Workload.EventAt(version + 1, number));
                    streams.Advance(index, 1);
                    return 1;
                };
            },
            _ =>
            {
                var streams = new OwnedStreams(StreamsPerWriter);
                return async () =>
                {
                    var (index, id, number, version) = streams.Next();
                    var expected = version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version);
                    await commandStore.AppendAsync(new StreamAppend(id, Workload.StreamType, expected, [Workload.EventAt(version + 1, number)]), CommandAppend.Options());
                    streams.Advance(index, 1);
                    return 1;
                };
            },
        ], CommandAppend.Migrations);
        // Both sides' statements (with --pg-stats), per event of ours: the hand-written side's are told apart by their raw.* tables.
        await statements.PrintAsync(command, c[1].Events, top: 16);
        // The target of figure 1 is for the everyday command: judged here too, on the path a command takes.
        report.AddThroughput(command, c[1], c[0], 0.8);
        report.AddLatencies(command, "tx", c[1], c[0]);
        report.AddClientCpu(command, c[1], c[0]);
    }

    private static ConcurrentLoad.Operation MartenWriter(MartenSide marten)
    {
        var streams = new OwnedStreams(StreamsPerWriter);
        return async () =>
        {
            var (index, id, number, version) = streams.Next();
            await marten.AppendAsync([(id, version, [Workload.EventAt(version + 1, number)])]);
            streams.Advance(index, 1);
            return 1;
        };
    }

    private static ConcurrentLoad.Operation RawWriter(RawAppender raw)
    {
        var streams = new OwnedStreams(StreamsPerWriter);
        return async () =>
        {
            var (index, id, number, version) = streams.Next();
            await raw.AppendAsync([new RawAppender.Append(id, version, [Workload.EventAt(version + 1, number)])]);
            streams.Advance(index, 1);
            return 1;
        };
    }
}
