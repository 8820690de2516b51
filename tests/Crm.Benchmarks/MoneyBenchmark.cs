using System.Diagnostics;
using Crm.Events;
using Crm.EventStore.Daemon;
using Crm.EventStore.Projections;
using Crm.Projections;
using Crm.Projections.Approvals;
using Crm.Projections.Payments;
using Crm.Projections.Targets;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 9 (--only money): contracts, payments and approvals at scale, seeded THROUGH THE EVENT STORE (<see cref="MoneySeeder"/>:
/// 100,000 contracts over 2,000 owners with 300,000 approved payments and 50,000 open submissions over 200 approvers; a tenth of each
/// with --quick), each figure beside a baseline from the same run on the same tables:
/// - "waiting for me" as GET /api/approvals?waitingFor=me asks ApprovalQueries (page of 20), vs the hand-written SQL of the same page;
///   target p99 &lt; 10 ms;
/// - the receivables and the target achievement projections catching up every event from zero with the daemon's runner, each
///   verified by its sums, vs a raw read of the same events; target ≥ 0.5×;
/// - the receivables list as GET /api/receivables asks ReceivableQueries (a scope of 50 owners, page 1 and overdue=true) and the
///   aging buckets as GET /api/receivables/aging asks them, vs hand-written SQL; target p99 &lt; 25 ms for the list.
/// </summary>
public static class MoneyBenchmark
{
    private const int Owners = 2_000;
    private const int ScopeOwners = 50;
    private const int Scopes = 20;
    private const int PageSize = 20;
    private const double InboxTargetMs = 10;
    private const double ListTargetMs = 25;

    public static async Task RunAsync(BenchDatabase db, BenchOptions options, Report report)
    {
        var contracts = options.Quick ? 10_000 : 100_000;
        var open = options.Quick ? 5_000 : 50_000;
        // An inbox's cost grows with its own size, not the table's: --quick keeps each approver's share (250) with a tenth of the approvers.
        var approvers = options.Quick ? 20 : 200;
        var name = $"money: {contracts:#,0} contracts";
        Report.Section($"{name}, {contracts * MoneySeeder.PaymentsEach:#,0} approved payments, {open:#,0} open submissions over " +
                       $"{approvers} approvers");
        await db.ExecuteAsync("drop schema if exists crm cascade; drop schema if exists org cascade; drop schema if exists auth cascade;");
        await db.ResetAsync(ReadModelMigrations.All);
        var registry = CrmEventTypes.CreateRegistry();
        var store = new EventStore.EventStore(db.DataSource, registry, CrmProjections.Inline());
        var random = new Random(19);
        var owners = Enumerable.Range(0, Owners).Select(_ => Guid.CreateVersion7()).ToArray();

        var seeder = new MoneySeeder(store, owners, approvers);
        var seeded = Stopwatch.StartNew();
        await seeder.SeedAsync(contracts, open);
        var events = await db.ScalarAsync<long>("select count(*) from es.events");
        report.Note($"seeded {contracts:#,0} contracts, {seeder.ApprovedPayments:#,0} approved payments and {open:#,0} open submissions through " +
                    $"AppendAsync (1,000 streams/append, 2 writers, inline projections): {events:#,0} events, {seeded.Elapsed.TotalSeconds:0.0} s, " +
                    $"{events / seeded.Elapsed.TotalSeconds:#,0} events/s");
        await db.SettleAsync();

        await WaitingForMeAsync(db, options, report, name, seeder, open);
        await CatchUpAsync(db, store, registry, options, report, name, events, new ReceivablesProjection(), "crm.receivables, crm.receivable_instalments",
            () => VerifyReceivablesAsync(db, seeder));
        await CatchUpAsync(db, store, registry, options, report, name, events, new AchievementProjection(), "crm.achievement_deals",
            () => VerifyAchievementAsync(db, seeder));
        // As autovacuum would have by then: the catch-ups left the tables unanalyzed and full of dead row versions.
        await db.SettleAsync();
        var scopes = Enumerable.Range(0, Scopes).Select(_ => Enumerable.Range(0, ScopeOwners).Select(_ => owners[random.Next(Owners)]).Distinct().ToArray())
            .ToArray();
        await ReceivablesAsync(db, options, report, name, scopes);
    }

    private static async Task WaitingForMeAsync(BenchDatabase db, BenchOptions options, Report report, string name, MoneySeeder seeder, int open)
    {
        var queries = new ApprovalQueries(db.DataSource);
        var measured = seeder.ApproverIds.Take(Scopes).ToArray();
        var inbox = Enumerable.Range(0, open).GroupBy(seeder.OpenApproverOf).ToDictionary(g => g.Key, g => g.Count());
        var sizes = measured.Select(a => inbox.GetValueOrDefault(a)).ToArray();
        var result = await Alternation.RunAsync(options,
            async i => GC.KeepAlive(await queries.ListAsync(Inbox(measured[i % Scopes]))),
            i => BaselineInboxAsync(db.DataSource, measured[i % Scopes]));
        report.AddLatencies(name + " / waiting for me", "page", result.Ours, result.Baseline);
        report.Add(new Target("waiting for me p99", result.Ours.P99, InboxTargetMs, false, " ms", JudgedInQuick: false));
        report.Note($"waiting for me: each measured approver waits on {sizes.Min()}–{sizes.Max()} of {open:#,0} open submissions (page of {PageSize})");

        // Both sides must answer the same page, and the page must be the approver's open submissions.
        for (var s = 0; s < Scopes; s++)
        {
            var ours = await queries.ListAsync(Inbox(measured[s]));
            var theirs = await BaselineInboxAsync(db.DataSource, measured[s]);
            if (!ours.Items.Select(r => r.Id).SequenceEqual(theirs.Take(PageSize)) || ours.Items.Count != Math.Min(PageSize, sizes[s])
                || ours.Items.Any(r => r.Status != "pending" || !r.WaitingFor.Contains(measured[s])))
                throw new InvalidOperationException("The inbox and the hand-written page differ, or the inbox is not the approver's open submissions.");
        }
    }

    /// <summary>As GET /api/approvals?waitingFor=me asks (the inbox needs no record reach: its rows name the caller).</summary>
    private static ApprovalListRequest Inbox(Guid me) => new(me, [], true, false, null, null, PageSize, null);

    private static async Task<List<Guid>> BaselineInboxAsync(NpgsqlDataSource dataSource, Guid me)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select id, record_kind, record_id, record_version, content_hash, title, flow_id, flow_version, submitted_by, status, current_step,
                   waiting_for, participants, steps::text, reason, submitted_at, ended_at, version
            from crm.approvals where waiting_for @> array[@me] order by submitted_at desc, id desc limit {PageSize + 1}
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("me", me));
        return await IdsAsync(cmd);
    }

    private static async Task CatchUpAsync(BenchDatabase db, EventStore.EventStore store, EventStore.EventTypeRegistry registry, BenchOptions options,
        Report report, string name, long events, IProjection projection, string tables, Func<Task> verify)
    {
        var handledNames = projection.EventTypes.Select(t => registry.Registrations.Single(r => r.Type == t).Name).ToHashSet();
        var handled = registry.Registrations.Where(r => handledNames.Contains(r.Name)).ToDictionary(r => r.Name, r => r.Type);
        var (_, handledCount) = await RawFeedRead.ReadAsync(db.DataSource, handled, registry.SerializerOptions, events); // warm: JIT and pages
        var ours = new Measurement();
        var raw = new Measurement();
        var rounds = Math.Min(2, options.RebuildRounds);
        var statements = new PgStatements(db);
        var (ourCpu, rawCpu) = (new CpuMeter(db), new CpuMeter(db));
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0) raw.Add(events, (await rawCpu.MeasureAsync(events, () => RawFeedRead.ReadAsync(db.DataSource, handled, registry.SerializerOptions, events))).Elapsed, new());
            await db.ExecuteAsync($"truncate {tables}; delete from es.projection_checkpoints where name = '{projection.Name}'");
            await statements.ResetAsync();
            await using (var daemon = new ProjectionDaemon(store, [projection], new DaemonOptions()))
            {
                var clock = Stopwatch.StartNew();
                await ourCpu.MeasureAsync(events, async () =>
                {
                    await daemon.StartAsync();
                    await daemon.WaitForProjectionsAsync(TimeSpan.FromMinutes(20));
                    return 0;
                });
                ours.Add(events, clock.Elapsed, new LatencyRecorder());
                await daemon.StopAsync();
            }
            await statements.PrintAsync($"{projection.Name} catch-up, per 5,000 events", events / 5_000);
            await verify();
            if (round % 2 == 1) raw.Add(events, (await rawCpu.MeasureAsync(events, () => RawFeedRead.ReadAsync(db.DataSource, handled, registry.SerializerOptions, events))).Elapsed, new());
        }
        Console.WriteLine($"  CPU: catch-up {ourCpu.PerFiveThousand()}; raw read {rawCpu.PerFiveThousand()}");
        report.Add(new Figure($"{name} / {projection.Name} catch-up of {events:#,0} events ({handledCount:#,0} its own) ×{rounds}", "events/s",
            ours.EventsPerSecond, raw.EventsPerSecond, 0.5, true));
        // Diagnostic: figure 8's baseline deserializes every row; here most rows are other projections' events, which the runner skips.
        var every = registry.Registrations.ToDictionary(r => r.Name, r => r.Type);
        var all = (await RawFeedRead.ReadAsync(db.DataSource, every, registry.SerializerOptions, events)).Elapsed;
        report.Add(new Figure($"{name} / {projection.Name} catch-up vs a raw read deserializing every row", "events/s", ours.EventsPerSecond,
            events / all.TotalSeconds, null, true));
    }

    /// <summary>Every contract approved, its amount, its three payments of half an instalment each and its three instalments, summed.</summary>
    private static async Task VerifyReceivablesAsync(BenchDatabase db, MoneySeeder seeder)
    {
        var all = Enumerable.Range(0, seeder.Contracts);
        var amount = all.Sum(MoneySeeder.AmountOf);
        var paid = all.Sum(c => MoneySeeder.PaymentOf(c) * MoneySeeder.PaymentsEach);
        await using var cmd = db.DataSource.CreateCommand(
            """
            select count(*) filter (where status = 'approved'), coalesce(sum(contract_amount), 0), coalesce(sum(approved_amount), 0),
                   coalesce(sum(receivable_amount), 0), coalesce(sum(payments_count), 0)::bigint,
                   (select count(*) from crm.receivable_plans), (select coalesce(sum(outstanding), 0) from crm.receivable_plans)
            from crm.receivables
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (rows, contractSum, approvedSum, receivableSum, payments) =
            (reader.GetInt64(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetInt64(4));
        var (plans, outstanding) = (reader.GetInt64(5), reader.GetDecimal(6));
        if (rows != seeder.Contracts || contractSum != amount || approvedSum != paid || receivableSum != amount - paid
            || payments != seeder.ApprovedPayments || plans != (long)seeder.Contracts * MoneySeeder.PlansEach || outstanding != amount - paid)
            throw new InvalidOperationException($"Receivables are wrong: {rows} approved, {contractSum} contracted (expected {amount}), " +
                $"{approvedSum} approved (expected {paid}), {receivableSum} receivable, {payments} payments, {plans} plans, {outstanding} outstanding.");
        Console.WriteLine($"  verified: {rows:#,0} receivables, {contractSum:#,0.00} contracted, {approvedSum:#,0.00} approved, {plans:#,0} instalments");
    }

    /// <summary>Every contract counted at its amount, every approved payment counted at its amount, credited to the contract's owner.</summary>
    private static async Task VerifyAchievementAsync(BenchDatabase db, MoneySeeder seeder)
    {
        var all = Enumerable.Range(0, seeder.Contracts);
        var amount = all.Sum(MoneySeeder.AmountOf);
        var paid = all.Sum(c => MoneySeeder.PaymentOf(c) * MoneySeeder.PaymentsEach);
        await using var cmd = db.DataSource.CreateCommand(
            """
            select count(*) filter (where measure = 'contract_amount' and counted),
                   coalesce(sum(amount) filter (where measure = 'contract_amount' and counted), 0),
                   count(*) filter (where measure = 'payments_received' and counted),
                   coalesce(sum(amount) filter (where measure = 'payments_received' and counted), 0), count(*) filter (where owner_id = current_owner_id)
            from crm.achievement_deals
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (deals, dealSum, payments, paymentSum, credited) =
            (reader.GetInt64(0), reader.GetDecimal(1), reader.GetInt64(2), reader.GetDecimal(3), reader.GetInt64(4));
        if (deals != seeder.Contracts || dealSum != amount || payments != seeder.ApprovedPayments || paymentSum != paid
            || credited != seeder.Contracts + seeder.ApprovedPayments)
            throw new InvalidOperationException($"Achievement is wrong: {deals} contracts for {dealSum} (expected {amount}), {payments} payments for " +
                                                $"{paymentSum} (expected {paid}), {credited} credited to the current owner.");
        Console.WriteLine($"  verified: {deals:#,0} contracts counted for {dealSum:#,0.00}, {payments:#,0} payments for {paymentSum:#,0.00}");
    }

    private static async Task ReceivablesAsync(BenchDatabase db, BenchOptions options, Report report, string name, Guid[][] scopes)
    {
        var queries = new ReceivableQueries(db.DataSource);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (label, overdue) in new[] { ("receivables page 1", false), ("receivables overdue", true) })
        {
            var result = await Alternation.RunAsync(options,
                async i => GC.KeepAlive(await queries.ListAsync(List(scopes[i % Scopes], today, overdue))),
                i => BaselineReceivablesAsync(db.DataSource, scopes[i % Scopes], today, overdue));
            report.AddLatencies($"{name} / {label} (50 owners)", "page", result.Ours, result.Baseline);
            report.Add(new Target($"{label} p99", result.Ours.P99, ListTargetMs, false, " ms", JudgedInQuick: false));
            for (var s = 0; s < Scopes; s++)
            {
                var ours = await queries.ListAsync(List(scopes[s], today, overdue));
                var theirs = await BaselineReceivablesAsync(db.DataSource, scopes[s], today, overdue);
                if (!ours.Items.Select(r => r.ContractId).SequenceEqual(theirs.Take(PageSize)) || ours.Items.Count == 0)
                    throw new InvalidOperationException($"The {label} page and the hand-written page differ (or are empty).");
            }
        }
        var aging = await Alternation.RunAsync(options,
            async i => GC.KeepAlive(await queries.AgingAsync(OwnerScope.Only(scopes[i % Scopes]), scopes[i % Scopes][0], today)),
            i => BaselineAgingAsync(db.DataSource, scopes[i % Scopes], today));
        report.AddLatencies($"{name} / receivables aging (50 owners)", "report", aging.Ours, aging.Baseline);
    }

    /// <summary>As GET /api/receivables asks: the caller (the scope's first owner) and their visible owners, the first page, overdue=true or not.</summary>
    private static ReceivableListRequest List(Guid[] scope, DateOnly today, bool overdue) =>
        new(OwnerScope.Only(scope), scope[0], today, PageSize, OverdueOnly: overdue);

    /// <summary>The same page by hand: the page first, then each row's overdue amount from its instalments.</summary>
    private static async Task<List<Guid>> BaselineReceivablesAsync(NpgsqlDataSource dataSource, Guid[] owners, DateOnly today, bool overdue)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            with page as (
                select contract_id, contract_number, customer_id, owner_id, status, currency, contract_amount, approved_amount, receivable_amount,
                       payments_count, last_received_on, next_due_on, next_due_amount, updated_at
                from crm.receivables r
                where status = 'approved' {(overdue ? "and next_due_on < @today" : "")}
                  and r.contract_id in (select o.contract_id from crm.receivables o where o.owner_id = any(@owners) and o.status = 'approved'
                                        union all select t.contract_id from crm.contract_team t where t.user_id = @owners[1])
                order by contract_id desc limit {PageSize + 1})
            select p.contract_id, p.contract_number, p.customer_id, p.owner_id, p.status, p.currency, p.contract_amount, p.approved_amount,
                   p.receivable_amount, p.payments_count, p.last_received_on, p.next_due_on, p.next_due_amount, p.updated_at,
                   greatest(0, coalesce(d.through, 0) - p.approved_amount),
                   case when p.next_due_on < @today then @today - p.next_due_on else 0 end
            from page p left join lateral (select max(due_through) as through from crm.receivable_plans
                                           where contract_id = p.contract_id and planned_on < @today) d on true
            order by p.contract_id desc
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("owners", owners));
        cmd.Parameters.Add(new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = today });
        return await IdsAsync(cmd);
    }

    private static async Task BaselineAgingAsync(NpgsqlDataSource dataSource, Guid[] owners, DateOnly today)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            select r.currency, width_bucket(@today - p.planned_on, array[31, 61, 91]) as bucket, count(*), count(distinct r.contract_id), sum(p.outstanding)
            from crm.receivables r join crm.receivable_plans p on p.contract_id = r.contract_id
            where r.status = 'approved' and p.outstanding > 0 and p.planned_on < @today
              and r.contract_id in (select o.contract_id from crm.receivables o where o.owner_id = any(@owners) and o.status = 'approved'
                                    union all select t.contract_id from crm.contract_team t where t.user_id = @owners[1])
            group by 1, 2
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("owners", owners));
        cmd.Parameters.Add(new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = today });
        await using var reader = await cmd.ExecuteReaderAsync();
        var values = new object[5];
        while (await reader.ReadAsync()) reader.GetValues(values);
    }

    /// <summary>Reads every column of every row (as the query classes do) and returns the first column's ids.</summary>
    private static async Task<List<Guid>> IdsAsync(NpgsqlCommand cmd)
    {
        var ids = new List<Guid>(PageSize + 1);
        await using var reader = await cmd.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }
}
