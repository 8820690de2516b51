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
/// </summary>
public static class ProjectionBenchmark
{
    private const int RawPage = 1_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task RunAsync(BenchDatabase db, EventStore.EventStore store, BenchOptions options, Report report)
    {
        var streams = options.ProjectionEvents / Seeder.EventsPerStream;
        var total = (long)streams * Seeder.EventsPerStream;
        Report.Section($"async projection over {total:#,0} events");
        if (options.Quick) report.Note($"--quick projects {total:#,0} events instead of 200,000");
        await db.ResetAsync([CustomerSummaryProjection.Migration]);
        var ids = await Seeder.SeedAsync(store, streams);
        await db.SettleAsync();

        var projection = new CustomerSummaryProjection();
        var daemonOptions = new DaemonOptions();

        // Warm the raw path once (JIT, pages) so the first measured read is not a cold one.
        await RawReadAsync(db.DataSource, total);

        // Catch-up from zero, as many rounds as the rebuild, each beside its own raw read (the order
        // alternating by round): one raw read alone swung 2× between runs.
        var catchUpRaw = new Measurement();
        var catchUp = new Measurement();
        for (var round = 0; round < options.RebuildRounds; round++)
        {
            if (round % 2 == 0) catchUpRaw.Add(total, await RawReadAsync(db.DataSource, total), new LatencyRecorder());
            await db.ExecuteAsync($"truncate bench_read.customer_summary; delete from es.projection_checkpoints where name = '{CustomerSummaryProjection.ProjectionName}'");
            await using (var daemon = new ProjectionDaemon(store, [projection], daemonOptions))
            {
                var clock = Stopwatch.StartNew();
                await daemon.StartAsync();
                await daemon.WaitForProjectionsAsync(TimeSpan.FromMinutes(10));
                catchUp.Add(total, clock.Elapsed, new LatencyRecorder());
                await daemon.StopAsync();
            }
            await VerifyAsync(db, ids);
            if (round % 2 == 1) catchUpRaw.Add(total, await RawReadAsync(db.DataSource, total), new LatencyRecorder());
        }
        report.AddThroughput($"projection catch-up from zero ×{options.RebuildRounds}", catchUp, catchUpRaw, null);

        var rebuild = new Measurement();
        var rebuildRaw = new Measurement();
        await using (var daemon = new ProjectionDaemon(store, [projection], daemonOptions))
        {
            for (var round = 0; round < options.RebuildRounds; round++)
            {
                rebuildRaw.Add(total, await RawReadAsync(db.DataSource, total), new LatencyRecorder());
                var clock = Stopwatch.StartNew();
                await daemon.RebuildAsync(CustomerSummaryProjection.ProjectionName);
                rebuild.Add(total, clock.Elapsed, new LatencyRecorder());
                await VerifyAsync(db, ids);
            }
        }
        report.AddThroughput($"projection rebuild ×{options.RebuildRounds}", rebuild, rebuildRaw, 0.5);

        // Diagnostic: the engine's feed read alone (public ReadFeedAsync, the rebuild's page size, with
        // deserialization) — splits the rebuild's gap into reading and projecting.
        var feed = new Measurement();
        var feedRaw = new Measurement();
        feedRaw.Add(total, await RawReadAsync(db.DataSource, total), new LatencyRecorder());
        feed.Add(total, await FeedReadAsync(store, daemonOptions.RebuildBatchSize, total), new LatencyRecorder());
        report.AddThroughput("feed read only (diagnostic)", feed, feedRaw, null);
        report.Note($"daemon batch sizes: {daemonOptions.BatchSize} (live), {daemonOptions.RebuildBatchSize} (rebuild, and catch-up after a full batch); the baseline pages by {RawPage}");
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
