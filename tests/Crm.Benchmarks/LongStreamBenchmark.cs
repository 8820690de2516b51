using System.Diagnostics;
using System.Text.Json;
using Crm.Events;
using Crm.Events.Customers;
using Crm.EventStore;
using Crm.Projections;
using Crm.Write;
using Crm.Write.Customers;
using Npgsql;
using CustomerRecord = Crm.Write.Customers.CustomerState;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 10: what a command on a long customer stream costs before it can append — load the state and decide (a follow-up; a
/// customer gains an event per follow-up, so its stream grows without end). Streams of 2,000 events plus a tail of 0 to 99 written
/// after their last snapshot (as they are in use: a snapshot is written every 100 events folded). Ours loads through the customer
/// decider's snapshot policy (one statement: snapshot and tail); the baseline reads the whole stream with a hand-written reader and
/// System.Text.Json and folds it with the same decider, and the same load without a snapshot shows what the snapshot saves. The
/// three alternate in chunks of 100 loads. Target: p99 below 3 ms.
/// </summary>
public static class LongStreamBenchmark
{
    private const int EventsPerStream = 2000;
    private const int Chunk = 100;
    private static readonly CommandContext Context = new(Guid.CreateVersion7(), DateTimeOffset.UtcNow);
    private static readonly string FollowedUpName = EventCatalogue.All.Single(e => e.Type == typeof(CustomerFollowedUp)).Name;

    public static async Task RunAsync(BenchDatabase db, BenchOptions options, Report report)
    {
        const string name = "load+decide 2,000-event customer stream";
        Report.Section(name);
        await db.ResetAsync();
        var registry = CrmEventTypes.CreateRegistry();
        var store = new EventStore.EventStore(db.DataSource, registry);
        var ids = await SeedAsync(store, options.Quick ? 20 : 200);
        await db.SettleAsync();
        // Were the state ever not to read back from JSON, no snapshot would be written and "ours" would be the whole fold.
        await using (var count = db.DataSource.CreateCommand("select count(*) from es.snapshots"))
        {
            if ((long)(await count.ExecuteScalarAsync())! != ids.Length) throw new InvalidOperationException("Not every stream has its snapshot.");
        }
        var policy = Customer.Decider.Snapshots!;
        var random = new Random(42);

        async Task Ours(Guid id) => Decide(id, await store.AggregateStreamAsync(id, CustomerRecord.None, Evolve, policy));
        async Task Unsnapshotted(Guid id) => Decide(id, await store.AggregateStreamAsync(id, CustomerRecord.None, Evolve));
        async Task Baseline(Guid id) => Decide(id, await RawLoadAsync(db.DataSource, registry.SerializerOptions, id));

        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < options.WarmUp)
        {
            await Ours(ids[random.Next(ids.Length)]);
            await Baseline(ids[random.Next(ids.Length)]);
            await Unsnapshotted(ids[random.Next(ids.Length)]);
        }
        var (ours, baseline, whole) = (new Measurement(), new Measurement(), new Measurement());
        var sides = new (Measurement Target, Func<Guid, Task> Op)[] { (baseline, Baseline), (ours, Ours), (whole, Unsnapshotted) };
        for (var turn = 0; ours.Elapsed < options.LoadSlice || baseline.Elapsed < options.LoadSlice; turn++)
        {
            var (target, op) = sides[turn % sides.Length];
            var latencies = new LatencyRecorder();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Chunk; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await op(ids[random.Next(ids.Length)]);
                latencies.Add(Stopwatch.GetTimestamp() - t0);
            }
            target.Add(Chunk, clock.Elapsed, latencies);
        }
        report.AddLatencies(name, "load+decide", ours, baseline);
        report.Add(new Figure(name, "p99 ms, ours without snapshot", whole.P99, baseline.P99, null, false));
        report.Add(new Target($"{name} p99", ours.P99, 3, HigherIsBetter: false, " ms", JudgedInQuick: false));
    }

    private static CustomerRecord Evolve(CustomerRecord state, StoredEvent e) => CustomerRecord.Evolve(state, e.Data);

    /// <summary>The decision a follow-up takes; checks the state is the stream's (every stream has a name and its last follow-up).</summary>
    private static void Decide(Guid id, (CustomerRecord State, long Version)? loaded)
    {
        if (loaded is not { } l || l.Version < EventsPerStream || l.State.Id != id || l.State.LastFollowUpAt is null)
            throw new InvalidOperationException($"Stream {id} loaded wrong: {loaded}");
        var decision = Customer.Decide(new FollowUpCustomer(id, Guid.CreateVersion7(), "log", "called", null), l.State, Context);
        if (decision.Error is not null || decision.Events.Count != 1) throw new InvalidOperationException($"Decision on {id} is wrong.");
    }

    /// <summary>Streams of 2,000 events; each loaded once through the policy (its snapshot), then 0 to 99 more follow-ups.</summary>
    private static async Task<Guid[]> SeedAsync(EventStore.EventStore store, int streams)
    {
        var random = new Random(7);
        var ids = new Guid[streams];
        var at = DateTimeOffset.UtcNow.AddDays(-400);
        for (var s = 0; s < streams; s++)
        {
            var id = ids[s] = Guid.CreateVersion7();
            await AppendFollowUpsAsync(store, id, 0, EventsPerStream, at);
            await store.AggregateStreamAsync(id, CustomerRecord.None, Evolve, Customer.Decider.Snapshots!);
            await AppendFollowUpsAsync(store, id, EventsPerStream, random.Next(100), at);
        }
        return ids;
    }

    private static async Task AppendFollowUpsAsync(EventStore.EventStore store, Guid id, long version, int count, DateTimeOffset at)
    {
        for (var done = 0; done < count; done += 100)
        {
            var events = Enumerable.Range(0, Math.Min(100, count - done)).Select(i =>
            {
                var v = version + done + i + 1;
                return v == 1
                    ? (object)new CustomerCreated(id, new CustomerFields($"Customer {id:N}", Phone: "+86 10 1234 5678"), Context.ActorId!.Value, null, at)
                    : new CustomerFollowedUp(id, Guid.CreateVersion7(), "log", $"Follow-up {v}: called about the order", null, at.AddHours(v));
            }).ToArray();
            var expected = version + done == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version + done);
            await store.AppendAsync(new StreamAppend(id, Customer.StreamType, expected, events));
        }
    }

    private static async Task<(CustomerRecord, long)?> RawLoadAsync(NpgsqlDataSource dataSource, JsonSerializerOptions json, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("select version, event_type, data::text from es.events where stream_id = $1 order by version", connection);
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await cmd.PrepareAsync();
        await using var reader = await cmd.ExecuteReaderAsync();
        var state = CustomerRecord.None;
        long version = 0;
        while (await reader.ReadAsync())
        {
            version = reader.GetInt64(0);
            object e = reader.GetString(1) == FollowedUpName
                ? JsonSerializer.Deserialize<CustomerFollowedUp>(reader.GetString(2), json)!
                : JsonSerializer.Deserialize<CustomerCreated>(reader.GetString(2), json)!;
            state = CustomerRecord.Evolve(state, e);
        }
        return version == 0 ? null : (state, version);
    }
}
