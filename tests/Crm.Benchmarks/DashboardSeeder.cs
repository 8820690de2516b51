using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Crm.Events;

namespace Crm.Benchmarks;

/// <summary>
/// Two years of dashboard read-model rows, straight into the tables: each user active on every weekday in six quarter hours of three
/// working hours (UTC), rolled up into hours, days, months and years as the projections write them; a counted contract and a payment on one
/// weekday in three per user; a target per member for this month; a default pipeline of the standard six stages with
/// <see cref="OpportunitiesEach"/> opportunities per user spread over its stages, as the funnel projection leaves them (each with
/// the flow of the open stages it passed).
/// </summary>
public sealed class DashboardSeeder(BenchDatabase db)
{
    public const int OpportunitiesEach = 40;

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
        await SeedPipelineAsync(ids);
        foreach (var table in new[] { "crm.dashboard_activity", "crm.achievement_rollup", "crm.targets", "crm.funnel_opportunities" })
            await db.ExecuteAsync($"vacuum analyze {table}");
        var activity = await db.ScalarAsync<long>("select count(*) from crm.dashboard_activity");
        var deals = await db.ScalarAsync<long>("select count(*) from crm.achievement_rollup");
        var opportunities = await db.ScalarAsync<long>("select count(*) from crm.funnel_opportunities");
        return (watch.Elapsed.TotalSeconds,
            $"{activity:#,0} activity rows (5 grains), {deals:#,0} deal rollup rows, {opportunities:#,0} funnel opportunities, {members + others} users");
    }

    // Stage s of the standard six (SalesSeeder.Stages: four open, won, lost) for opportunity k of a user; its flow is every open stage
    // up to it, each entered, converted and completed once (a day's stay).
    private async Task SeedPipelineAsync(string users)
    {
        var stages = SalesSeeder.Stages;
        var json = JsonSerializer.Serialize(stages, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        string Of<T>(Func<PipelineStage, T> pick, string type) => $"array[{string.Join(",", stages.Select(x => $"'{pick(x)}'"))}]::{type}[]";
        var (ids, names, rates, outcomes) = (Of(x => x.StageId, "uuid"), Of(x => x.Name, "text"),
            Of(x => x.WinRate.ToString(CultureInfo.InvariantCulture), "numeric"), Of(x => x.Outcome, "text"));
        await db.ExecuteAsync(
            $"""
            insert into crm.pipelines (id, name, is_default, stages, version, created_at, updated_at)
            values ('{SalesSeeder.PipelineId}', 'Standard', true, '{json.Replace("'", "''", StringComparison.Ordinal)}'::jsonb, 1, now(), now());
            insert into crm.funnel_stage_names (pipeline_id, stage_id, stage_name, win_rate, entered_at, opportunity_id)
            select '{SalesSeeder.PipelineId}', ({ids})[i], ({names})[i], ({rates})[i], now(), gen_random_uuid() from generate_series(1, 6) i;
            insert into crm.funnel_opportunities (id, pipeline_id, stage_id, stage_name, win_rate, outcome, amount, currency, owner_id, visit,
                stage_entered_at, created_at, updated_at, flow_stage_ids, flow_converted, flow_completed, flow_seconds)
            select gen_random_uuid(), '{SalesSeeder.PipelineId}', ({ids})[s], ({names})[s], ({rates})[s], ({outcomes})[s], 1000 + k * 10, 'CNY',
                u.id, least(s, 4), now() - k * interval '1 day', now() - k * interval '1 day' - interval '30 days', now(),
                ({ids})[1:least(s, 4)], array_fill(1, array[least(s, 4)]), array_fill(1, array[least(s, 4)]),
                array_fill(86400.0, array[least(s, 4)])::numeric(30,6)[]
            from unnest({users}) with ordinality as u(id, n) cross join generate_series(1, {OpportunitiesEach}) k cross join lateral (select 1 + (k + u.n::int) % 6 as s) x;
            """);
    }
}
