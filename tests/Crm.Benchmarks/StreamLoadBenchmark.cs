using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 3: load and fold a 50-event stream (what every command does before deciding). One client,
/// random streams; ours and the baseline alternate in chunks of 200 loads so load drift hits both.
/// The baseline reads the same rows and columns from es.events with a hand-written reader and
/// System.Text.Json, and folds them the same way. Marten (when given) is a third side in the rotation: its
/// AggregateStreamAsync over the same streams written through its Quick append, folded by the same CustomerState.Apply.
/// </summary>
public static class StreamLoadBenchmark
{
    private const int Chunk = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task RunAsync(BenchDatabase db, EventStore.EventStore store, MartenSide? marten, BenchOptions options, Report report)
    {
        const string name = "load+fold 50-event stream";
        Report.Section(name);
        await db.ResetAsync();
        var ids = await Seeder.SeedAsync(store, options.LoadStreams);
        var martenIds = marten is null ? [] : await marten.SeedAsync(options.LoadStreams);
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

        async Task MartenLoad(Guid id)
        {
            var folded = await marten!.AggregateAsync(id);
            Check(folded?.State, folded?.Version ?? 0, expected);
        }

        var sides = new List<(Measurement Measured, Func<Guid, Task> Load, Guid[] Ids)>
        {
            (new Measurement(), Baseline, ids),
            (new Measurement(), Ours, ids),
        };
        if (marten is not null) sides.Add((new Measurement(), MartenLoad, martenIds));

        // Warm-up: JIT (and Marten's generated code), plan caches and the pages of the tables on every side.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < options.WarmUp)
        {
            foreach (var side in sides) await side.Load(side.Ids[random.Next(side.Ids.Length)]);
        }

        var turn = 0;
        while (sides.Any(s => s.Measured.Elapsed < options.LoadSlice))
        {
            var (target, op, sideIds) = sides[turn++ % sides.Count];
            var latencies = new LatencyRecorder();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Chunk; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await op(sideIds[random.Next(sideIds.Length)]);
                latencies.Add(Stopwatch.GetTimestamp() - t0);
            }
            target.Add(Chunk * (long)Seeder.EventsPerStream, clock.Elapsed, latencies);
        }
        var (baseline, ours) = (sides[0].Measured, sides[1].Measured);
        report.AddLatencies(name, "load", ours, baseline);
        report.AddThroughput(name, ours, baseline, null);
        if (marten is not null) report.AddPeer(name, "Marten", ours, sides[2].Measured);
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
