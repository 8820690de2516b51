using System.Diagnostics;
using Crm.Events.Customers;
using Crm.EventStore;
using Crm.Projections;
using Npgsql;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 11 (--only outbox): what Wolverine (the subscriptions' durable outbox, issue 13 part 7) costs the host. The real host
/// (<see cref="HostProcess"/>, src/Crm.Host's build) with Wolverine beside the same host without it (Crm:Outbox:Disabled): seconds from
/// launch to /health/live answering, and resident memory 2 s later; rounds alternate which side starts first. Then messages/s through the
/// durable local queue end to end: N customer.assigned events appended to the live host's database, each a message its notifications
/// subscription stores in the checkpoint's transaction, hands to the queue, whose handler writes a row in crm.notifications, then marked
/// handled — timed from the first append to the N-th row; beside raw Npgsql inserts of the same N rows into a copy of
/// crm.notifications, 1,000 per transaction (the subscription's batch size while live).
/// </summary>
public static class OutboxBenchmark
{
    private const string AdminPassword = "BenchPassw0rd!";

    public static async Task RunAsync(BenchDatabase db, BenchOptions options, Report report)
    {
        var rounds = options.Quick ? 1 : 3;
        var messages = options.Quick ? 5_000 : 50_000;
        Report.Section($"outbox: the host with and without Wolverine ({rounds} rounds), {messages:#,0} messages through its durable local queue");
        var dll = options.HostDll ?? HostProcess.DefaultDll();
        report.Note($"host: {dll}");
        await FreshAsync(db);

        var (with, without) = (new List<(double Seconds, double Megabytes)>(), new List<(double Seconds, double Megabytes)>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var wolverine in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var sample = await StartAsync(dll, db, wolverine);
                (wolverine ? with : without).Add(sample);
                Console.WriteLine($"  round {round + 1}, {(wolverine ? "with" : "without")} Wolverine: live after {sample.Seconds:0.00} s, {sample.Megabytes:0} MB resident");
            }
        }
        report.Add(new Figure("host start-up (with ÷ without Wolverine)", "s to live", Median(with.Select(w => w.Seconds)),
            Median(without.Select(w => w.Seconds)), null, false));
        report.Add(new Figure("host memory (with ÷ without Wolverine)", "MB resident", Median(with.Select(w => w.Megabytes)),
            Median(without.Select(w => w.Megabytes)), null, false));
        // Issue 13: ops/run's start-up stays under 10 s with Wolverine in (judged: a slower start fails the bench's verdict).
        report.Add(new Target("host start-up with Wolverine (ops/run's)", Median(with.Select(w => w.Seconds)), 10, false, " s", JudgedInQuick: true));

        await FreshAsync(db);
        var ours = await ThroughQueueAsync(dll, db, messages);
        var raw = await RawInsertsAsync(db, messages);
        report.Add(new Figure("notifications via subscription + Wolverine queue (baseline: raw inserts)", "messages/s", ours, raw, null, true));
    }

    private static async Task FreshAsync(BenchDatabase db)
    {
        await db.ExecuteAsync("drop schema if exists crm cascade; drop schema if exists org cascade; drop schema if exists auth cascade; " +
                              "drop schema if exists wolverine cascade; drop schema if exists bench_raw cascade;");
        await db.ResetAsync(ReadModelMigrations.All);
    }

    private static async Task<(double Seconds, double Megabytes)> StartAsync(string dll, BenchDatabase db, bool wolverine)
    {
        var settings = wolverine ? null : new Dictionary<string, string> { ["Crm__Outbox__Disabled"] = "true" };
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartAsync(dll, db.ConnectionString, AdminPassword, settings);
        var seconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(2));
        return (seconds, host.ResidentMegabytes());
    }

    /// <summary>
    /// The host live (and idle) first, then N events appended as fast as the engine takes them (1,000 streams per append): from the first
    /// append until the N-th notification row. The append time is printed apart; it overlaps the subscription's work.
    /// </summary>
    private static async Task<double> ThroughQueueAsync(string dll, BenchDatabase db, int messages)
    {
        await using var host = await HostProcess.StartAsync(dll, db.ConnectionString, AdminPassword);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var store = new EventStore.EventStore(db.DataSource, CrmEventTypes.CreateRegistry());
        var owner = Guid.CreateVersion7();
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < messages; done += 1_000)
        {
            var appends = Enumerable.Range(0, Math.Min(1_000, messages - done)).Select(_ => Guid.CreateVersion7())
                .Select(id => new StreamAppend(id, "customer", ExpectedVersion.NoStream, [new CustomerAssigned(id, owner, null, DateTimeOffset.UtcNow)]))
                .ToList();
            await store.AppendAsync(appends);
        }
        var appended = clock.Elapsed.TotalSeconds;
        await using var count = db.DataSource.CreateCommand("select count(*) from crm.notifications where user_id = @owner");
        count.Parameters.AddWithValue("owner", owner);
        await using var stored = db.DataSource.CreateCommand("select count(*) from wolverine.wolverine_incoming_envelopes");
        long written;
        double? allStored = null;
        while ((written = (long)(await count.ExecuteScalarAsync())!) < messages)
        {
            if (allStored is null && (long)(await stored.ExecuteScalarAsync())! >= messages) allStored = clock.Elapsed.TotalSeconds;
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"{written} of {messages} notifications after 10 minutes:\n{host.LastLines()}");
            await Task.Delay(20);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {messages:#,0} events appended in {appended:0.00} s; their messages all stored after {allStored ?? seconds:0.00} s, " +
                          $"all handled after {seconds:0.00} s ({host.ResidentMegabytes():0} MB resident)");
        return messages / seconds;
    }

    /// <summary>The same rows by hand: 1,000 per transaction into a copy of crm.notifications (its indexes too).</summary>
    private static async Task<double> RawInsertsAsync(BenchDatabase db, int messages)
    {
        await db.ExecuteAsync("create schema bench_raw; create table bench_raw.notifications (like crm.notifications including all);");
        var owner = Guid.CreateVersion7();
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < messages; done += 1_000)
        {
            var n = Math.Min(1_000, messages - done);
            await using var cmd = db.DataSource.CreateCommand(
                """
                insert into bench_raw.notifications (id, user_id, kind, record_type, record_id, message, due_at, actor_id, created_at)
                select id, @owner, 'customer_assigned', 'customer', id, 'Customer ' || id || ' was assigned to you from the public pool.', null, null, now()
                from unnest(@ids) as id
                on conflict (id) do nothing
                """);
            cmd.Parameters.AddWithValue("owner", owner);
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. Enumerable.Range(0, n).Select(_ => Guid.CreateVersion7())]));
            await cmd.ExecuteNonQueryAsync();
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  raw: {messages:#,0} rows in {seconds:0.00} s");
        return messages / seconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
