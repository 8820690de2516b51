using System.Diagnostics;
using System.Text.Json;
using Crm.EventStore.Daemon;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 4: the async projection daemon over a seeded store — catch-up from zero (daemon started on a
/// full store) and in-place rebuild — against a raw sequential read of the same events in feed order,
/// paged by 1,000, with System.Text.Json deserialization: the ceiling of any projection, before it
/// writes a row. Target: rebuild ≥ 0.5× that. The read model is checked after every run.
/// One baseline for the whole workload: the raw read is measured once per round of each phase (its
/// rate swung 400,000–540,000 events/s between reads of one run), and every ratio — catch-up, rebuild,
/// feed read — divides by the same figure, all the reads together.
/// Marten (when given) is a third side of each round: its daemon catching up from zero and its
/// RebuildProjectionAsync, with the same fold (CustomerSummary.Next), over the same events written
/// through its own append; the order of the sides rotates by round.
/// </summary>
public static class ProjectionBenchmark
{
    private const int RawPage = 1_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task RunAsync(BenchDatabase db, EventStore.EventStore store, MartenSide? marten, BenchOptions options, Report report)
    {
        var streams = options.ProjectionEvents / Seeder.EventsPerStream;
        var total = (long)streams * Seeder.EventsPerStream;
        Report.Section($"async projection over {total:#,0} events");
        if (options.Quick) report.Note($"--quick projects {total:#,0} events instead of 200,000");
        await db.ResetAsync([CustomerSummaryProjection.Migration]);
        var ids = await Seeder.SeedAsync(store, streams);
        if (marten is not null) await marten.SeedAsync(streams);
        await db.SettleAsync();

        var projection = new CustomerSummaryProjection();
        var daemonOptions = new DaemonOptions();

        // The raw read, the workload's one baseline: every read of the run adds to it.
        var raw = new Measurement();
        var rawRates = new List<double>();
        async Task RawAsync()
        {
            var elapsed = await RawReadAsync(db.DataSource, total);
            raw.Add(total, elapsed, new LatencyRecorder());
            rawRates.Add(total / elapsed.TotalSeconds);
        }

        async Task<TimeSpan> OursCatchUpAsync()
        {
            await db.ExecuteAsync("truncate bench_read.customer_summary; " +
                                  $"delete from es.projection_checkpoints where name = '{CustomerSummaryProjection.ProjectionName}'");
            await using var daemon = new ProjectionDaemon(store, [projection], daemonOptions);
            var clock = Stopwatch.StartNew();
            await daemon.StartAsync();
            await daemon.WaitForProjectionsAsync(Timeout);
            var elapsed = clock.Elapsed;
            await daemon.StopAsync();
            await VerifyAsync(db, ids);
            return elapsed;
        }

        async Task<TimeSpan> MartenCatchUpAsync()
        {
            await marten!.ForgetProjectionAsync();
            var elapsed = await marten.CatchUpAsync(Timeout);
            await marten.VerifyAsync(streams);
            return elapsed;
        }

        // Warm-up, not measured: the raw path (JIT, pages), and one catch-up of each daemon (JIT, Marten's generated code).
        await RawReadAsync(db.DataSource, total);
        await OursCatchUpAsync();
        if (marten is not null) await MartenCatchUpAsync();

        // Catch-up from zero, in rounds; each round also reads raw, the order of the sides rotating.
        var catchUp = new Measurement();
        var martenCatchUp = new Measurement();
        var catchUpSides = new List<Func<Task>>
        {
            RawAsync,
            async () => catchUp.Add(total, await OursCatchUpAsync(), new LatencyRecorder()),
        };
        if (marten is not null) catchUpSides.Add(async () => martenCatchUp.Add(total, await MartenCatchUpAsync(), new LatencyRecorder()));
        for (var round = 0; round < options.RebuildRounds; round++)
        {
            for (var k = 0; k < catchUpSides.Count; k++) await catchUpSides[(k + round) % catchUpSides.Count]();
        }

        // Rebuild in place, in rounds, the same way.
        var rebuild = new Measurement();
        var martenRebuild = new Measurement();
        await using (var daemon = new ProjectionDaemon(store, [projection], daemonOptions))
        {
            var rebuildSides = new List<Func<Task>>
            {
                RawAsync,
                async () =>
                {
                    var clock = Stopwatch.StartNew();
                    await daemon.RebuildAsync(CustomerSummaryProjection.ProjectionName);
                    rebuild.Add(total, clock.Elapsed, new LatencyRecorder());
                    await VerifyAsync(db, ids);
                },
            };
            if (marten is not null)
            {
                rebuildSides.Add(async () =>
                {
                    martenRebuild.Add(total, await marten.RebuildAsync(Timeout), new LatencyRecorder());
                    await marten.VerifyAsync(streams);
                });
            }
            for (var round = 0; round < options.RebuildRounds; round++)
            {
                for (var k = 0; k < rebuildSides.Count; k++) await rebuildSides[(k + round) % rebuildSides.Count]();
            }
        }

        // Diagnostic: the engine's feed read alone (public ReadFeedAsync, the rebuild's page size, with
        // deserialization) — splits the rebuild's gap into reading and projecting.
        var feed = new Measurement();
        feed.Add(total, await FeedReadAsync(store, daemonOptions.RebuildBatchSize, total), new LatencyRecorder());
        await RawAsync();

        report.Note($"raw read, the one baseline of every ratio below: {raw.EventsPerSecond:#,0} events/s over {rawRates.Count} reads " +
                    $"({rawRates.Min():#,0}–{rawRates.Max():#,0})");
        report.AddThroughput($"projection catch-up from zero ×{options.RebuildRounds}", catchUp, raw, null);
        if (marten is not null) report.AddPeer($"projection catch-up from zero ×{options.RebuildRounds}", "Marten", catchUp, martenCatchUp, latencies: false);
        report.AddThroughput($"projection rebuild ×{options.RebuildRounds}", rebuild, raw, 0.5);
        if (marten is not null) report.AddPeer($"projection rebuild ×{options.RebuildRounds}", "Marten", rebuild, martenRebuild, latencies: false);
        report.AddThroughput("feed read only (diagnostic)", feed, raw, null);
        report.Note($"daemon batch sizes: {daemonOptions.BatchSize} (live), {daemonOptions.RebuildBatchSize} (rebuild, and catch-up after a full batch); " +
                    $"the baseline pages by {RawPage}" + (marten is null ? "" : $"; Marten's daemon reads {marten.BatchSize} events per batch"));
        if (marten is not null)
            report.Note($"Marten ÷ raw read: catch-up {martenCatchUp.EventsPerSecond / raw.EventsPerSecond:0.00}×, " +
                        $"rebuild {martenRebuild.EventsPerSecond / raw.EventsPerSecond:0.00}× " +
                        $"({martenCatchUp.EventsPerSecond:#,0} and {martenRebuild.EventsPerSecond:#,0} events/s)");
    }

    /// <summary>Reads every event in (tx_id, seq_id) order, 1,000 per query, and deserializes each payload.</summary>
    private static async Task<TimeSpan> RawReadAsync(NpgsqlDataSource dataSource, long expected)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        ulong tx = 0;
        long seq = 0;
        long count = 0;
        decimal sum = 0;
        while (true)
        {
            await using var cmd = new NpgsqlCommand(
                """
                select seq_id, tx_id, event_id, stream_id, version, event_type, schema_version, data::text, metadata::text, created_at
                from es.events where (tx_id, seq_id) > ($1, $2) order by tx_id, seq_id limit $3
                """, connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = tx, NpgsqlDbType = NpgsqlDbType.Xid8 });
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = RawPage });
            await cmd.PrepareAsync();
            var read = 0;
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    read++;
                    seq = reader.GetInt64(0);
                    tx = reader.GetFieldValue<ulong>(1);
                    var data = reader.GetString(7);
                    if (reader.GetString(5) == Workload.RegisteredName) JsonSerializer.Deserialize<CustomerRegistered>(data, Json);
                    else sum += JsonSerializer.Deserialize<OrderPlaced>(data, Json)!.Amount;
                }
            }
            if (read == 0) break;
            count += read;
        }
        if (count != expected) throw new InvalidOperationException($"Raw read saw {count} events, expected {expected}.");
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> FeedReadAsync(EventStore.EventStore store, int page, long expected)
    {
        var clock = Stopwatch.StartNew();
        var position = EventStore.GlobalPosition.Start;
        long count = 0;
        while (true)
        {
            var events = await store.ReadFeedAsync(position, page);
            if (events.Count == 0) break;
            count += events.Count;
            position = events[^1].Position;
        }
        if (count != expected) throw new InvalidOperationException($"Feed read saw {count} events, expected {expected}.");
        return clock.Elapsed;
    }

    private static async Task VerifyAsync(BenchDatabase db, Guid[] ids)
    {
        var (orders, total) = Seeder.ExpectedFold();
        var rows = await db.ScalarAsync<long>("select count(*) from bench_read.customer_summary");
        var wrong = await db.ScalarAsync<long>(
            $"select count(*) from bench_read.customer_summary where orders <> {orders} or total <> {total.ToString(System.Globalization.CultureInfo.InvariantCulture)} or version <> {Seeder.EventsPerStream}");
        if (rows != ids.Length || wrong != 0)
            throw new InvalidOperationException($"Read model is wrong: {rows} rows (expected {ids.Length}), {wrong} with a wrong fold.");
        Console.WriteLine($"  verified: {rows:#,0} rows, each with {orders} orders totalling {total} at version {Seeder.EventsPerStream}");
    }
}
