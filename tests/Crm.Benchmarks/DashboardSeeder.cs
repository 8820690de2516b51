using System.Diagnostics;

namespace Crm.Benchmarks;

/// <summary>
/// Two years of dashboard read-model rows, straight into the tables: each user active on every weekday in six quarter hours of three
/// working hours (UTC), rolled up into hours, days, months and years as the projections write them; a counted contract and a payment on one
/// weekday in three per user; a target per member for this month. No pipeline: the funnel card is figure 8's (--only sales).
/// </summary>
public sealed class DashboardSeeder(BenchDatabase db)
{
    public Guid[] Members { get; private set; } = [];

    public async Task<(double Seconds, string Sizes)> SeedAsync(int members, int others)
    {
        var watch = Stopwatch.StartNew();
        Members = Enumerable.Range(0, members).Select(_ => Guid.CreateVersion7()).ToArray();
        var everyone = Members.Concat(Enumerable.Range(0, others).Select(_ => Guid.CreateVersion7())).ToArray();
        var ids = "array[" + string.Join(",", everyone.Select(id => $"'{id}'::uuid")) + "]";
        await db.ExecuteAsync(
            $"""
            create temp table bench_users as select u.id, u.n from unnest({ids}) with ordinality as u(id, n);
            create temp table bench_days as select d::date as day from generate_series(current_date - 730, current_date, interval '1 day') d
                where extract(isodow from d) < 6;
            insert into crm.dashboard_activity (grain, bucket, owner_id, new_leads, new_customers, new_contacts, new_opportunities, follow_ups)
            select 'q', b.day + time '02:00' + (q * interval '15 minutes') + (h * interval '1 hour'), u.id, 1, (q % 2), 1, (q % 3 = 0)::int, 2
            from bench_users u cross join bench_days b cross join generate_series(0, 1) q cross join generate_series(0, 2) h;
            insert into crm.dashboard_activity (grain, bucket, owner_id, new_leads, new_customers, new_contacts, new_opportunities, follow_ups)
            select 'h', date_trunc('hour', bucket), owner_id, sum(new_leads), sum(new_customers), sum(new_contacts), sum(new_opportunities), sum(follow_ups)
            from crm.dashboard_activity where grain = 'q' group by 2, 3;
            insert into crm.dashboard_activity (grain, bucket, owner_id, new_leads, new_customers, new_contacts, new_opportunities, follow_ups)
            select 'd', date_trunc('day', bucket, 'UTC'), owner_id, sum(new_leads), sum(new_customers), sum(new_contacts), sum(new_opportunities), sum(follow_ups)
            from crm.dashboard_activity where grain = 'h' group by 2, 3;
            insert into crm.dashboard_activity (grain, bucket, owner_id, new_leads, new_customers, new_contacts, new_opportunities, follow_ups)
            select 'm', date_trunc('month', bucket, 'UTC'), owner_id, sum(new_leads), sum(new_customers), sum(new_contacts), sum(new_opportunities), sum(follow_ups)
            from crm.dashboard_activity where grain = 'd' group by 2, 3;
            insert into crm.dashboard_activity (grain, bucket, owner_id, new_leads, new_customers, new_contacts, new_opportunities, follow_ups)
            select 'y', date_trunc('year', bucket, 'UTC'), owner_id, sum(new_leads), sum(new_customers), sum(new_contacts), sum(new_opportunities), sum(follow_ups)
            from crm.dashboard_activity where grain = 'm' group by 2, 3;
            insert into crm.achievement_rollup (measure, grain, bucket, owner_id, currency, amount, deals)
            select m, 'd', b.day, u.id, 'CNY', 1000 + u.n, 1 from bench_users u cross join bench_days b
                cross join (values ('contract_amount'), ('payments_received')) as x(m) where (extract(doy from b.day)::int + u.n) % 3 = 0;
            insert into crm.achievement_rollup (measure, grain, bucket, owner_id, currency, amount, deals)
            select measure, 'm', date_trunc('month', bucket)::date, owner_id, currency, sum(amount), sum(deals) from crm.achievement_rollup
            group by 1, 3, 4, 5;
            insert into crm.achievement_rollup (measure, grain, bucket, owner_id, currency, amount, deals)
            select measure, 'y', date_trunc('year', bucket)::date, owner_id, currency, sum(amount), sum(deals) from crm.achievement_rollup
            where grain = 'm' group by 1, 3, 4, 5;
            insert into crm.targets (id, subject_kind, subject_id, measure, year, period, period_no, starts_on, ends_before, amount, currency, version,
                created_at, updated_at)
            select gen_random_uuid(), 'user', u.id, 'contract_amount', extract(year from current_date)::int, 'month', extract(month from current_date)::int,
                date_trunc('month', current_date)::date, (date_trunc('month', current_date) + interval '1 month')::date, 50000, 'CNY', 1, now(), now()
            from bench_users u where u.n <= {members};
            """);
        foreach (var table in new[] { "crm.dashboard_activity", "crm.achievement_rollup", "crm.targets" }) await db.ExecuteAsync($"vacuum analyze {table}");
        var activity = await db.ScalarAsync<long>("select count(*) from crm.dashboard_activity");
        var deals = await db.ScalarAsync<long>("select count(*) from crm.achievement_rollup");
        return (watch.Elapsed.TotalSeconds, $"{activity:#,0} activity rows (5 grains), {deals:#,0} deal rollup rows, {members + others} users");
    }
}
