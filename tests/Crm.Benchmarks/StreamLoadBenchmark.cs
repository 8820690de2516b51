using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 3: load and fold a 50-event stream (what every command does before deciding). One client,
/// random streams; ours and the baseline alternate in chunks of 200 loads so load drift hits both.
/// The baseline reads the same rows and columns from es.events with a hand-written reader and
/// System.Text.Json, and folds them the same way.
/// </summary>
public static class StreamLoadBenchmark
{
    private const int Chunk = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task RunAsync(BenchDatabase db, EventStore.EventStore store, BenchOptions options, Report report)
    {
        const string name = "load+fold 50-event stream";
        Report.Section(name);
        await db.ResetAsync();
        var ids = await Seeder.SeedAsync(store, options.LoadStreams);
        await db.SettleAsync();
        var expected = Seeder.ExpectedFold();
        var random = new Random(42);

        async Task Ours(Guid id)
        {
            var folded = await store.AggregateStreamAsync(id, CustomerState.Empty, (s, e) => s.Apply(e.Data));
            Check(folded?.State, folded?.Version ?? 0, expected);
        }
        async Task Baseline(Guid id)
        {
            var (state, version) = await RawLoadAsync(db.DataSource, id);
            Check(state, version, expected);
        }

        // Warm-up: JIT, plan caches and the pages of the tables on both sides.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < options.WarmUp)
        {
            await Ours(ids[random.Next(ids.Length)]);
            await Baseline(ids[random.Next(ids.Length)]);
        }

        var ours = new Measurement();
        var baseline = new Measurement();
        var turn = 0;
        while (ours.Elapsed < options.LoadSlice || baseline.Elapsed < options.LoadSlice)
        {
            var (target, op) = turn++ % 2 == 0 ? (baseline, (Func<Guid, Task>)Baseline) : (ours, Ours);
            var latencies = new LatencyRecorder();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Chunk; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await op(ids[random.Next(ids.Length)]);
                latencies.Add(Stopwatch.GetTimestamp() - t0);
            }
            target.Add(Chunk * (long)Seeder.EventsPerStream, clock.Elapsed, latencies);
        }
        report.AddLatencies(name, "load", ours, baseline);
        report.AddThroughput(name, ours, baseline, null);
    }

    private static async Task<(CustomerState State, long Version)> RawLoadAsync(NpgsqlDataSource dataSource, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(
            """
            select seq_id, tx_id, event_id, stream_id, version, event_type, schema_version, data::text, metadata::text, created_at
            from es.events where stream_id = $1 order by version
            """, connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await cmd.PrepareAsync();
        await using var reader = await cmd.ExecuteReaderAsync();
        var state = CustomerState.Empty;
        long version = 0;
        while (await reader.ReadAsync())
        {
            version = reader.GetInt64(4);
            var type = reader.GetString(5);
            var data = reader.GetString(7);
            object e = type == Workload.RegisteredName
                ? JsonSerializer.Deserialize<CustomerRegistered>(data, Json)!
                : JsonSerializer.Deserialize<OrderPlaced>(data, Json)!;
            state = state.Apply(e);
        }
        return (state, version);
    }

    private static void Check(CustomerState? state, long version, (int Orders, decimal Total) expected)
    {
        if (state is null || version != Seeder.EventsPerStream || state.Orders != expected.Orders || state.Total != expected.Total || state.Name is null)
            throw new InvalidOperationException($"Fold is wrong: {state} at version {version}, expected {expected}.");
    }
}
