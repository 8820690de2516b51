using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Npgsql;
using Weasel.Core;

namespace Crm.Benchmarks;

/// <summary>
/// Marten 9.58 as a peer side of the engine figures (issue 13): its own schema (<see cref="Schema"/>) on the bench database,
/// its own pool with the same settings as ours, configured as Marten's performance guidance has it — Quick append
/// (one statement per stream, no round trip to reserve sequences first), lightweight sessions (no identity map, no change
/// tracking), the identity map for aggregates, the optimized projection rebuilds, System.Text.Json with camelCase names (as
/// our events are stored), the event types registered up front. The async projection (<see cref="MartenCustomerSummaryProjection"/>)
/// folds with the same function as ours (<see cref="CustomerSummary.Next"/>) and reads as many events per batch as our
/// rebuild does. The schema is created once (AutoCreate), then truncated and re-seeded on every reset.
/// </summary>
public sealed class MartenSide : IAsyncDisposable
{
    public const string Schema = "bench_marten";
    public const string ProjectionName = "BenchCustomerSummary";

    private readonly NpgsqlDataSource dataSource;

    private MartenSide(DocumentStore store, NpgsqlDataSource dataSource, int batchSize)
    {
        Store = store;
        this.dataSource = dataSource;
        BatchSize = batchSize;
    }

    public DocumentStore Store { get; }

    /// <summary>Events the daemon reads per batch: our daemon's rebuild batch by default, so both page the feed alike.</summary>
    public int BatchSize { get; }

    public static async Task<MartenSide> CreateAsync(BenchDatabase db, int batchSize)
    {
        var dataSource = NpgsqlDataSource.Create(db.PooledConnectionString);
        var defaultBatch = 0;
        var store = DocumentStore.For(opts =>
        {
            opts.Connection(dataSource);
            opts.DatabaseSchemaName = Schema;
            opts.Events.DatabaseSchemaName = Schema;
            opts.AutoCreateSchemaObjects = AutoCreate.All;
            opts.DisableNpgsqlLogging = true;
            opts.UseSystemTextJsonForSerialization(casing: Casing.CamelCase);
            opts.Events.StreamIdentity = StreamIdentity.AsGuid;
            opts.Events.AppendMode = EventAppendMode.Quick;
            opts.Events.UseIdentityMapForAggregates = true;
            opts.Events.UseOptimizedProjectionRebuilds = true;
            opts.Events.AddEventType<CustomerRegistered>();
            opts.Events.AddEventType<OrderPlaced>();
            opts.Projections.Add(new MartenCustomerSummaryProjection(), ProjectionLifecycle.Async, o =>
            {
                if (batchSize > 0) o.BatchSize = batchSize;
                defaultBatch = o.BatchSize;
            });
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var side = new MartenSide(store, dataSource, defaultBatch);
        db.PeerReset = side.ResetAsync;
        await side.WarmUpAsync();
        return side;
    }

    /// <summary>
    /// Marten generates and compiles code at the first use of each path (append, live aggregation): done here, before any
    /// measurement, so a short warm-up (--quick's 0.3 s) does not leave the compiler's seconds inside a measured slice.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var clock = Stopwatch.StartNew();
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await AppendAsync([(a, 0, [Workload.EventAt(1, 1), Workload.EventAt(2, 1)]), (b, 0, [Workload.EventAt(1, 2)])]);
        await AppendAsync([(a, 2, [Workload.EventAt(3, 1)])]);
        if ((await AggregateAsync(a))?.Version != 3) throw new InvalidOperationException("Marten's warm-up aggregate is not at version 3.");
        await ResetAsync(0);
        Console.WriteLine($"  Marten: store ready in schema {Schema} (code generated and warmed up in {clock.Elapsed.TotalSeconds:0.0} s)");
    }

    /// <summary>Empties Marten's event tables, projected documents and progress; then writes the same existing streams as ours.</summary>
    public async Task ResetAsync(int existingStreams)
    {
        await ExecuteAsync(
            $"""
            truncate {Schema}.mt_events, {Schema}.mt_streams, {Schema}.mt_event_progression, {Schema}.mt_doc_martencustomersummary;
            alter sequence {Schema}.mt_events_sequence restart with 1;
            """);
        if (existingStreams > 0)
        {
            // The same 20,000 one-event streams as es.* and raw.* get (BenchDatabase.ExistingStreamsSql), in Marten's tables.
            await ExecuteAsync(
                $$"""
                insert into {{Schema}}.mt_streams (id, type, version, timestamp, created)
                select ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'bench_existing', 1, now(), now()
                  from generate_series(1, {{existingStreams}}) as i;
                insert into {{Schema}}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)
                select nextval('{{Schema}}.mt_events_sequence'), ('00000000-0000-7000-9000-' || lpad(to_hex(i), 12, '0'))::uuid,
                       ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 1, ('{"n":' || i || '}')::jsonb,
                       'bench_existing', now(), 'bench.existing'
                  from generate_series(1, {{existingStreams}}) as i;
                """);
        }
    }

    /// <summary>The same streams as <see cref="Seeder"/> writes through our AppendAsync (2 × 50 events per save, 4 writers), through Marten's.</summary>
    public async Task<Guid[]> SeedAsync(int streams)
    {
        const int perSave = 2;
        const int writers = 4;
        var ids = Enumerable.Range(0, streams).Select(_ => Guid.CreateVersion7()).ToArray();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var first = Interlocked.Add(ref next, perSave) - perSave + 1;
                if (first >= streams) return;
                await using var session = Store.LightweightSession();
                for (var s = first; s < Math.Min(first + perSave, streams); s++)
                {
                    var events = new object[Seeder.EventsPerStream];
                    for (var v = 1; v <= Seeder.EventsPerStream; v++) events[v - 1] = Workload.EventAt(v, s);
                    session.Events.StartStream<MartenCustomer>(ids[s], events);
                }
                await session.SaveChangesAsync();
            }
        })));
        var total = (long)streams * Seeder.EventsPerStream;
        Console.WriteLine($"  Marten: seeded {total:#,0} events ({streams:#,0} streams × {Seeder.EventsPerStream}), " +
                          $"{perSave * Seeder.EventsPerStream}/save, {writers} writers: {total / clock.Elapsed.TotalSeconds:#,0} events/s");
        return ids;
    }

    /// <summary>Appends events to one stream at a known version: a new stream (version 0) is started, an existing one checked.</summary>
    public async Task AppendAsync(IReadOnlyList<(Guid Id, long Version, object[] Events)> appends)
    {
        await using var session = Store.LightweightSession();
        foreach (var (id, version, events) in appends)
        {
            if (version == 0) session.Events.StartStream<MartenCustomer>(id, events);
            // Marten's expected version is the stream's version once these events are in.
            else session.Events.Append(id, version + events.Length, events);
        }
        await session.SaveChangesAsync();
    }

    public async Task<MartenCustomer?> AggregateAsync(Guid id)
    {
        await using var session = Store.QuerySession();
        return await session.Events.AggregateStreamAsync<MartenCustomer>(id);
    }

    /// <summary>Forgets the projection's documents and progress: the daemon started next catches up from zero.</summary>
    public Task ForgetProjectionAsync() =>
        ExecuteAsync($"truncate {Schema}.mt_doc_martencustomersummary; delete from {Schema}.mt_event_progression where name like '{ProjectionName}%'");

    /// <summary>
    /// Starts Marten's daemon on a store whose projection has no progress, and waits (polling every 20 ms, as ours does)
    /// until it reached the last event.
    /// </summary>
    public async Task<TimeSpan> CatchUpAsync(TimeSpan timeout)
    {
        var last = await ScalarAsync<long>($"select coalesce(max(seq_id), 0) from {Schema}.mt_events");
        var daemon = await Store.BuildProjectionDaemonAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            await daemon.StartAllAsync();
            var progress = $"select coalesce(max(last_seq_id), 0) from {Schema}.mt_event_progression where name like '{ProjectionName}%'";
            while (await ScalarAsync<long>(progress) < last)
            {
                if (clock.Elapsed > timeout) throw new TimeoutException($"Marten's daemon did not reach event {last} in {timeout}.");
                await Task.Delay(20);
            }
            var elapsed = clock.Elapsed;
            await daemon.StopAllAsync();
            return elapsed;
        }
        finally
        {
            await DisposeAsync(daemon);
        }
    }

    /// <summary>Marten's rebuild of the projection (teardown of its documents and progress, then a replay of every event), timed whole.</summary>
    public async Task<TimeSpan> RebuildAsync(TimeSpan timeout)
    {
        var daemon = await Store.BuildProjectionDaemonAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(ProjectionName, timeout, CancellationToken.None);
            return clock.Elapsed;
        }
        finally
        {
            await DisposeAsync(daemon);
        }
    }

    /// <summary>Every stream's document folded right: the check our read model gets after each run.</summary>
    public async Task VerifyAsync(int streams)
    {
        var (orders, total) = Seeder.ExpectedFold();
        var rows = await ScalarAsync<long>($"select count(*) from {Schema}.mt_doc_martencustomersummary");
        var wrong = await ScalarAsync<long>(
            $"""
            select count(*) from {Schema}.mt_doc_martencustomersummary
             where (data->>'orders')::int <> {orders} or (data->>'total')::numeric <> {total.ToString(System.Globalization.CultureInfo.InvariantCulture)}
                or (data->>'version')::bigint <> {Seeder.EventsPerStream} or data->>'name' is null
            """);
        if (rows != streams || wrong != 0)
            throw new InvalidOperationException($"Marten's read model is wrong: {rows} documents (expected {streams}), {wrong} with a wrong fold.");
        Console.WriteLine($"  Marten verified: {rows:#,0} documents, each with {orders} orders totalling {total} at version {Seeder.EventsPerStream}");
    }

    private static async Task DisposeAsync(object daemon)
    {
        if (daemon is IAsyncDisposable a) await a.DisposeAsync();
        else if (daemon is IDisposable d) d.Dispose();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.CommandTimeout = 600;
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await dataSource.DisposeAsync();
    }
}

/// <summary>The aggregate of figure 3 for Marten's AggregateStreamAsync: the same <see cref="CustomerState"/> fold, by Marten's Apply convention.</summary>
public sealed class MartenCustomer
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public CustomerState State { get; set; } = CustomerState.Empty;

    public void Apply(CustomerRegistered e) => State = State.Apply(e);
    public void Apply(OrderPlaced e) => State = State.Apply(e);
}

/// <summary>Figure 4's read model as a Marten document: one per customer stream, the fields of <see cref="CustomerSummary"/>.</summary>
public sealed class MartenCustomerSummary
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string City { get; set; } = "";
    public int Orders { get; set; }
    public decimal Total { get; set; }
    public long Version { get; set; }
}

/// <summary>Figure 4's projection for Marten's daemon: the same fold as <see cref="CustomerSummaryProjection"/> (<see cref="CustomerSummary.Next"/>).</summary>
public sealed class MartenCustomerSummaryProjection : SingleStreamProjection<MartenCustomerSummary, Guid>
{
    public MartenCustomerSummaryProjection() => Name = MartenSide.ProjectionName;

    public override MartenCustomerSummary? Evolve(MartenCustomerSummary? snapshot, Guid id, IEvent e)
    {
        var current = snapshot is null ? null : new CustomerSummary(snapshot.Name, snapshot.City, snapshot.Orders, snapshot.Total, snapshot.Version);
        var next = CustomerSummary.Next(current, e.Data, e.Version);
        if (next is null || ReferenceEquals(next, current)) return snapshot;
        snapshot ??= new MartenCustomerSummary { Id = id };
        (snapshot.Name, snapshot.City, snapshot.Orders, snapshot.Total, snapshot.Version) = (next.Name, next.City, next.Orders, next.Total, next.Version);
        return snapshot;
    }
}
