using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Events;
using Crm.Events.Customers;
using Crm.EventStore;
using Crm.Projections;
using Crm.Write;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 7 (--only http): the real host on Kestrel (<see cref="HostProcess"/>) against the bench database, driven
/// by 16 concurrent HTTP/1.1 connections for a fixed time per route, each route beside the same run's floor
/// (GET /health/live: Kestrel, the middleware pipeline, no database). The create is also put beside the engine's
/// own append rate of the same event (customer.created to a new stream, inline projections), measured right after
/// on the same database with the same 16 concurrent writers. Targets (issue 10): create ≥ 1,000 req/s, list and
/// detail ≥ 2,500 req/s, not judged in --quick. Every answer's status is counted; a non-2xx one is an error.
/// </summary>
public static class HttpBenchmark
{
    public const int Connections = 16;
    private const string AdminMobile = "13800000000";
    private const string AdminPassword = "BenchPassw0rd!";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static long unique;

    public static async Task RunAsync(BenchDatabase db, BenchOptions options, Report report)
    {
        var seeded = options.Quick ? 1_000 : 5_000;
        var (warmUp, slice) = options.Quick ? (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)) : (TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));
        Report.Section($"http: the host on Kestrel, {Connections} connections, {seeded:#,0} customers, {slice.TotalSeconds:0} s per route");
        await db.ExecuteAsync("drop schema if exists crm cascade; drop schema if exists org cascade; drop schema if exists auth cascade;");
        await db.ResetAsync(ReadModelMigrations.All);

        var dll = options.HostDll ?? HostProcess.DefaultDll();
        report.Note($"host: {dll} (a process of its own; server GC as configured by the web SDK)");
        var ids = new List<Guid>();
        var rates = new Dictionary<string, Measurement>();
        var connection = options.HostDatabaseOptions is { } more ? $"{db.ConnectionString};{more}" : db.ConnectionString;
        if (options.HostDatabaseOptions is not null) report.Note($"host database options: {options.HostDatabaseOptions}");
        await using (var host = await HostProcess.StartAsync(dll, connection, AdminPassword))
        {
            using var client = await SignedInClientAsync(host.Address);
            ids.AddRange(await SeedAsync(client, seeded));
            await db.SettleAsync();

            var routes = new (string Name, Func<int, Func<HttpRequestMessage>> Request, double? Target)[]
            {
                ("GET /health/live", _ => () => new HttpRequestMessage(HttpMethod.Get, "/health/live"), null),
                ("GET /api/customers", _ => () => new HttpRequestMessage(HttpMethod.Get, "/api/customers"), 2_500),
                ("GET /api/customers/{id}", w =>
                {
                    var n = w * 7919;
                    return () => new HttpRequestMessage(HttpMethod.Get, $"/api/customers/{ids[n++ % ids.Count]}");
                }, 2_500),
                ("POST /api/customers", _ => () => CreateRequest(), 1_000),
            };
            Measurement? floor = null;
            var statements = new PgStatements(db);
            foreach (var (name, request, target) in routes)
            {
                await statements.ResetAsync();
                var (m, all) = await DriveAsync(client, host, db, name, warmUp, slice, request, report);
                await statements.PrintAsync(name, all);
                floor ??= m;
                rates[name] = m;
                report.Add(new Figure(name, "req/s vs floor", m.EventsPerSecond, floor.EventsPerSecond, null, true));
                report.AddLatencies(name + " (baseline: floor)", "req", m, floor);
                if (target is { } t) report.Add(new Target($"{name} req/s", m.EventsPerSecond, t, true, " req/s", JudgedInQuick: false));
            }
        }

        var engine = await EngineAppendAsync(db, warmUp, slice);
        report.Add(new Figure("POST /api/customers", "req/s vs engine", rates["POST /api/customers"].EventsPerSecond, engine.EventsPerSecond, null, true));
        report.Note($"engine append of customer.created to a new stream with inline projections, {Connections} writers, no HTTP, the host's connection settings: " +
                    $"{engine.EventsPerSecond:#,0} events/s, p50 {engine.P50:0.00} ms, p99 {engine.P99:0.00} ms");
    }

    private static HttpRequestMessage CreateRequest()
    {
        var n = Interlocked.Increment(ref unique);
        // Unique name, phone and email: a duplicate would answer 409 duplicate_suspected.
        var body = $$"""{"name":"Bench customer {{n:D9}}","level":"{{"ABCD"[(int)(n % 4)]}}","phone":"+86 137 {{n:D9}}","email":"b{{n}}@bench.example"}""";
        return new HttpRequestMessage(HttpMethod.Post, "/api/customers") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    private static async Task<HttpClient> SignedInClientAsync(Uri address)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { mobile = AdminMobile, password = AdminPassword });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}: {text}");
        var token = JsonDocument.Parse(text).RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Customers created through the API, 16 at a time: the list and detail routes read them.</summary>
    private static async Task<List<Guid>> SeedAsync(HttpClient client, int count)
    {
        var ids = new List<Guid>(count);
        var clock = Stopwatch.StartNew();
        var left = count;
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                using var response = await client.SendAsync(CreateRequest());
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"seeding: POST /api/customers answered {(int)response.StatusCode}: {text}");
                var id = JsonSerializer.Deserialize<IdOnly>(text, Json)!.Id;
                lock (ids) ids.Add(id);
            }
        })));
        Console.WriteLine($"  seeded {count:#,0} customers through POST /api/customers in {clock.Elapsed.TotalSeconds:0.0} s");
        return ids;
    }

    private sealed record IdOnly(Guid Id);

    private static async Task<(Measurement Measured, long AllRequests)> DriveAsync(
        HttpClient client, HostProcess host, BenchDatabase db, string name, TimeSpan warmUp, TimeSpan slice,
        Func<int, Func<HttpRequestMessage>> newRequest, Report report)
    {
        var statuses = new long[600];
        string? firstError = null;
        var (hostCpu, serverCpu, clientCpu) = (host.CpuSeconds(), db.ServerCpu?.Seconds(), Process.GetCurrentProcess().TotalProcessorTime);
        var (events, elapsed, latencies, all) = await ConcurrentLoad.RunAsync(Connections, warmUp, slice, w =>
        {
            var next = newRequest(w);
            return async () =>
            {
                var status = 0;
                try
                {
                    using var response = await client.SendAsync(next(), HttpCompletionOption.ResponseContentRead);
                    status = (int)response.StatusCode;
                    if (status is < 200 or > 299) firstError ??= $"{status}: {await response.Content.ReadAsStringAsync()}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    firstError ??= e.Message;
                }
                Interlocked.Increment(ref statuses[status]);
                return 1;
            };
        });
        var m = new Measurement();
        m.Add(events, elapsed, latencies);
        var perRequest = 1_000_000.0 / all;
        var counted = string.Join(", ", statuses.Select((count, status) => (count, status)).Where(s => s.count > 0)
            .Select(s => $"{(s.status == 0 ? "no answer" : s.status.ToString(System.Globalization.CultureInfo.InvariantCulture))} ×{s.count:#,0}"));
        var errors = statuses.Select((count, status) => status is < 200 or > 299 ? count : 0).Sum();
        report.Note($"{name}: {all:#,0} answers ({counted}), {errors:#,0} error(s); CPU per request: host {(host.CpuSeconds() - hostCpu) * perRequest:0} µs, " +
                    $"PostgreSQL {(serverCpu is { } s ? $"{(db.ServerCpu!.Seconds() - s) * perRequest:0} µs" : "n/a")}, " +
                    $"client {(Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalMicroseconds / all:0} µs");
        if (firstError is not null) report.Note($"{name}: first error: {firstError[..Math.Min(400, firstError.Length)]}");
        return (m, all);
    }

    /// <summary>
    /// Diagnostic (--only http-engine): the engine's append of customer.created alone, on fresh read-model tables, with the
    /// statements per append (pg_stat_statements when loaded) and what the server's backends waited on (sampled).
    /// </summary>
    public static async Task EngineOnlyAsync(BenchDatabase db, BenchOptions options, Report report)
    {
        var (warmUp, slice) = options.Quick ? (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)) : (TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));
        Report.Section($"http-engine: customer.created with inline projections, {Connections} writers, {slice.TotalSeconds:0} s");
        await db.ExecuteAsync("drop schema if exists crm cascade; drop schema if exists org cascade; drop schema if exists auth cascade;");
        await db.ResetAsync(ReadModelMigrations.All);
        var statements = new PgStatements(db);
        await statements.ResetAsync();
        var waits = new Dictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var cmd = db.DataSource.CreateCommand(
                    "select coalesce(wait_event_type || ':' || wait_event, 'CPU') from pg_stat_activity where datname = current_database() " +
                    "and state = 'active' and pid <> pg_backend_pid()");
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) { var k = reader.GetString(0); waits[k] = waits.GetValueOrDefault(k) + 1; }
                await Task.Delay(10);
            }
        });
        var m = await EngineAppendAsync(db, warmUp, slice);
        await stop.CancelAsync();
        await sampler;
        report.Note($"engine append: {m.EventsPerSecond:#,0} events/s, p50 {m.P50:0.00} ms, p99 {m.P99:0.00} ms");
        var total = waits.Values.Sum();
        foreach (var (k, v) in waits.OrderByDescending(w => w.Value).Take(10)) Console.WriteLine($"    wait {k,-40} {100.0 * v / total,5:0.0}%");
        await statements.PrintAsync("engine append", m.Events, top: 14);
        await using var wal = db.DataSource.CreateCommand(
            "select calls, wal_records::float8 / calls, wal_fpi::float8 / calls, wal_bytes::float8 / calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) " +
            "from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) and calls > 100 order by wal_bytes desc limit 6");
        await using var reader = await wal.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Console.WriteLine($"    wal per call: {reader.GetDouble(1),6:0.0} records {reader.GetDouble(2),5:0.00} fpi {reader.GetDouble(3),8:0} bytes  {reader.GetString(4)}");
    }

    /// <summary>The engine's part of a create without HTTP, scope checks or the duplicate query: one customer.created per new stream.</summary>
    private static async Task<Measurement> EngineAppendAsync(BenchDatabase db, TimeSpan warmUp, TimeSpan slice)
    {
        // The host's connection settings (prepared statements, no pool reset): the engine as the host runs it.
        await using var dataSource = Crm.Host.Platform.DatabaseSetup.Builder(db.ConnectionString).Build();
        var store = new EventStore.EventStore(dataSource, CrmEventTypes.CreateRegistry(), CrmProjections.Inline());
        var owner = Guid.CreateVersion7();
        var (events, elapsed, latencies, _) = await ConcurrentLoad.RunAsync(Connections, warmUp, slice, _ => async () =>
        {
            var id = Guid.CreateVersion7();
            var n = Interlocked.Increment(ref unique);
            var fields = new CustomerFields($"Engine customer {n:D9}", "A", null, null, null, null, $"+86 136 {n:D9}", $"e{n}@bench.example", null, null, null);
            await store.AppendAsync(StreamAppend.Start(id, "customer", new CustomerCreated(id, fields, owner, null, DateTimeOffset.UtcNow)));
            return 1;
        });
        var m = new Measurement();
        m.Add(events, elapsed, latencies);
        return m;
    }
}
