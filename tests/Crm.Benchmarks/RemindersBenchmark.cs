using System.Diagnostics;
using Crm.Projections;
using Crm.Projections.Notifications;
using Npgsql;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 13 (--only reminders, issue 14): 10,000 task reminders due in the same second (2,000 with --quick) delivered in-app by ONE
/// host (<see cref="HostProcess"/>, default settings): seconds from their due time to the last of them in crm.notifications, through
/// the reminder job (<c>ReminderService</c>: claims in crm.task_reminders, hands to the outbox), Wolverine's durable local queue and
/// NotificationDeliveryHandler. The due time is put just after a pass of the job (found with a probe task): the worst phase, so the
/// figure includes a whole wait of Crm:Reminders:IntervalSeconds. The tasks are read-model rows seeded directly (the job reads
/// crm.tasks only). Beside: raw Npgsql inserts of the same rows into a copy of crm.notifications, 1,000 per transaction. Target
/// ≤ 60 s from due to delivered (not judged in --quick).
/// </summary>
public static class RemindersBenchmark
{
    private const string AdminPassword = "BenchPassw0rd!";
    private const double TargetSeconds = 60;

    public static async Task RunAsync(BenchDatabase db, BenchOptions options, Report report)
    {
        var count = options.Quick ? 2_000 : 10_000;
        var name = $"reminders: {count:#,0} tasks due in the same second, one host";
        Report.Section(name);
        await db.ExecuteAsync("drop schema if exists crm cascade; drop schema if exists org cascade; drop schema if exists auth cascade; " +
                              "drop schema if exists wolverine cascade; drop schema if exists bench_raw cascade;");
        await db.ResetAsync(ReadModelMigrations.All);
        await using var host = await HostProcess.StartAsync(options.HostDll ?? HostProcess.DefaultDll(), db.ConnectionString, AdminPassword);

        // A pass of the job claims the probe: the next pass is a whole interval away, the worst moment for the reminders to come due.
        var probe = Guid.CreateVersion7();
        await InsertTasksAsync(db, [probe], Guid.CreateVersion7(), DateTimeOffset.UtcNow.AddSeconds(-1));
        var waited = Stopwatch.StartNew();
        while (await db.ScalarAsync<long>($"select count(*) from crm.task_reminders where task_id = '{probe}'") == 0)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException($"the reminder job did not claim the probe in 5 minutes:\n{host.LastLines()}");
            await Task.Delay(50);
        }
        var pass = await db.ScalarAsync<DateTime>($"select reminded_at from crm.task_reminders where task_id = '{probe}'");
        var owners = Enumerable.Range(0, Math.Max(1, count / 10)).Select(_ => Guid.CreateVersion7()).ToArray();
        var tasks = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        due = new DateTimeOffset(due.Ticks - due.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        foreach (var chunk in tasks.Chunk(1_000))
        {
            await InsertTasksAsync(db, chunk, owners[0], due, owners);
        }
        Console.WriteLine($"  probe claimed by the pass of {pass:HH:mm:ss.fff}; {count:#,0} tasks due at {due:HH:mm:ss} seeded by " +
                          $"{DateTimeOffset.UtcNow:HH:mm:ss.fff}, over {owners.Length:#,0} owners");

        await using var delivered = db.DataSource.CreateCommand($"select count(*) from crm.notifications where kind = '{NotificationKinds.TaskDue}' " +
                                                                $"and user_id <> (select owner_id from crm.tasks where id = '{probe}')");
        long n;
        while ((n = (long)(await delivered.ExecuteScalarAsync())!) < count)
        {
            if (DateTimeOffset.UtcNow - due > TimeSpan.FromMinutes(10))
                throw new TimeoutException($"{n} of {count} delivered after 10 minutes:\n{host.LastLines()}");
            await Task.Delay(25);
        }
        var done = DateTimeOffset.UtcNow;
        var claimedAt = await db.ScalarAsync<DateTime>($"select min(reminded_at) from crm.task_reminders where due_at = '{due:O}'");
        var total = (done - due).TotalSeconds;
        var working = (done - new DateTimeOffset(claimedAt, TimeSpan.Zero)).TotalSeconds;
        Console.WriteLine($"  due {due:HH:mm:ss}; the pass that claimed them started {claimedAt:HH:mm:ss.fff} " +
                          $"(waited {(claimedAt - due.UtcDateTime).TotalSeconds:0.0} s); " +
                          $"last delivered {done:HH:mm:ss.fff}: {working:0.0} s after the pass began, {total:0.0} s after due");
        var raw = await RawInsertsAsync(db, count);
        report.Add(new Figure(name + " (baseline: raw inserts)", "s to deliver", working, raw, null, false));
        report.Add(new Figure(name + " (baseline: raw inserts)", "deliveries/s", count / working, count / raw, null, true));
        report.Note($"{name}: {total:0.0} s from due to the last delivered, of which {total - working:0.0} s waiting for the job's next pass " +
                    "(the due time is put just after a pass: the worst phase); tasks seeded directly as crm.tasks rows (the job reads only them)");
        report.Add(new Target($"{name}: due to all delivered", total, TargetSeconds, false, " s", JudgedInQuick: false));
    }

    private static async Task InsertTasksAsync(BenchDatabase db, Guid[] ids, Guid owner, DateTimeOffset due, Guid[]? owners = null)
    {
        await using var cmd = db.DataSource.CreateCommand(
            """
            insert into crm.tasks (id, name, owner_id, due_at, priority, status, version, created_at, updated_at)
            select id, 'Reminded task ' || ordinality, coalesce(@owners[1 + ordinality % array_length(@owners, 1)], @owner), @due, 'medium', 'open', 1,
                   now(), now()
            from unnest(@ids) with ordinality as t(id, ordinality)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("owners", owners ?? []));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", owner));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("due", due));
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The same rows by hand: 1,000 per transaction into a copy of crm.notifications (its indexes too); answers the seconds.</summary>
    private static async Task<double> RawInsertsAsync(BenchDatabase db, int count)
    {
        await db.ExecuteAsync("create schema bench_raw; create table bench_raw.notifications (like crm.notifications including all);");
        var owners = Enumerable.Range(0, Math.Max(1, count / 10)).Select(_ => Guid.CreateVersion7()).ToArray();
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < count; done += 1_000)
        {
            await using var cmd = db.DataSource.CreateCommand(
                """
                insert into bench_raw.notifications (id, user_id, kind, record_type, record_id, message, due_at, actor_id, created_at)
                select gen_random_uuid(), @owners[1 + ordinality % array_length(@owners, 1)], 'task_due', 'task', id,
                       'Task Reminded task ' || ordinality || ' is due (' || to_char(now(), 'YYYY-MM-DD HH24:MI') || ' UTC).', now(), null, now()
                from unnest(@ids) with ordinality as t(id, ordinality)
                on conflict (id) do nothing
                """);
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("owners", owners));
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. Enumerable.Range(0, Math.Min(1_000, count - done)).Select(_ => Guid.CreateVersion7())]));
            await cmd.ExecuteNonQueryAsync();
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  raw: {count:#,0} rows in {seconds:0.00} s");
        return seconds;
    }
}
