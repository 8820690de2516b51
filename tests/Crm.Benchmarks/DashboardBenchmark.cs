using Crm.Host.Dashboard;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Calendar;
using Crm.Projections.Dashboard;
using Crm.Projections.Funnel;
using Crm.Projections.Pipelines;
using Crm.Projections.Targets;
using Npgsql;

namespace Crm.Benchmarks;

/// <summary>
/// Figure 14 (--only dashboard, issue 15): every card of GET /api/dashboard (<see cref="DashboardCards"/>: briefing beside the
/// period before, KPIs, funnel, twelve-month trend, rankings) for a department of 500 users over two years of activity, in a zone
/// whose midnights fall on half hours (Asia/Kolkata, so every grain is read), for this month, this year and a custom two years.
/// The read models' rows are seeded directly (<see cref="DashboardSeeder"/>); the baseline is the same briefing figures summed from
/// the UTC-day rows alone (a design that cannot honour the caller's zone). Target p99 &lt; 50 ms (not judged in --quick).
/// </summary>
public static class DashboardBenchmark
{
    private const double TargetMs = 50;
    private const string Zone = "Asia/Kolkata";

    public static async Task RunAsync(BenchDatabase db, BenchOptions options, Report report)
    {
        var (members, others) = options.Quick ? (100, 100) : (500, 500);
        var name = $"dashboard: a department of {members} users (of {members + others}), 2 years";
        Report.Section(name);
        await db.ExecuteAsync("drop schema if exists crm cascade; drop schema if exists org cascade; drop schema if exists auth cascade;");
        await db.ResetAsync(ReadModelMigrations.All);
        var seeder = new DashboardSeeder(db);
        var (seconds, sizes) = await seeder.SeedAsync(members, others);
        report.Note($"{name}: rows seeded directly into the read models (generate_series), not through the event store — the figure is of the "
                    + $"read side: {sizes} in {seconds:0.0} s.");
        await db.ExecuteAsync("checkpoint");

        // As the host builds them: the dashboard's own reads planned with their values, the rest on the host's data source.
        await using var dataSource = DatabaseSetup.Builder(db.ConnectionString).Build();
        await using var dashboardSource = DashboardDataSource.Builder(db.ConnectionString).Build();
        var store = new EventStore.EventStore(dataSource, CrmEventTypes.CreateRegistry(), []);
        var cards = new DashboardCards(new DashboardQueries(dashboardSource), new TargetQueries(dataSource, store), new FunnelQueries(dataSource),
            new PipelineQueries(dataSource), new DatabaseRetry());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var period in new[]
                 {
                     DashboardPeriod.Of("this_month", today), DashboardPeriod.Of("this_year", today),
                     DashboardPeriod.Of(DashboardPeriod.Custom, today, today.AddDays(-729), today),
                 })
        {
            var scope = new DashboardScope(period, Zone, seeder.Members, null, null);
            // The funnel card reads the seeded pipeline: every member's opportunities, none of the others'.
            var funnel = await cards.FunnelAsync(scope, null, default)
                         ?? throw new InvalidOperationException("The dashboard found no default pipeline.");
            var counted = funnel.Stages.Sum(x => x.Count) + funnel.Won.Count + funnel.Lost.Count;
            if (counted != (long)seeder.Members.Length * DashboardSeeder.OpportunitiesEach)
                throw new InvalidOperationException($"The funnel counted {counted} opportunities of {seeder.Members.Length} members.");
            // With ops/bench --pg-stats: what PostgreSQL ran for each dashboard of the period.
            var statements = new PgStatements(db);
            await statements.ResetAsync();
            var result = await Alternation.RunAsync(options, _ => WholeAsync(cards, scope), _ => BaselineAsync(dataSource, scope));
            await statements.PrintAsync($"dashboard {period.Name}", result.Ours.Events);
            var figure = $"{name} / {period.Name} {period.First:yyyy-MM-dd}..{period.Last:yyyy-MM-dd}";
            report.AddLatencies(figure + " (baseline: the briefing's sums from UTC days alone)", "dashboard", result.Ours, result.Baseline);
            report.Add(new Target($"{figure} p99", result.Ours.P99, TargetMs, false, " ms", JudgedInQuick: false));
        }
    }

    // The cards at once, as GET /api/dashboard reads them.
    private static async Task WholeAsync(DashboardCards cards, DashboardScope scope)
    {
        var figures = cards.FiguresAsync(scope, default);
        await Task.WhenAll(figures, cards.KpisAsync(scope, default), cards.FunnelAsync(scope, null, default), cards.TrendAsync(scope, default));
        DashboardCards.Briefing(await figures);
        await cards.RankingsAsync(await figures, default);
    }

    private static async Task BaselineAsync(NpgsqlDataSource dataSource, DashboardScope scope)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            select sum(new_leads), sum(new_customers), sum(new_contacts), sum(new_opportunities), sum(follow_ups)
            from crm.dashboard_activity where grain = 'd' and bucket >= $1 and bucket < $2 and owner_id = any($3)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = CalendarZones.StartOfDay(scope.Period.First, "UTC") });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = CalendarZones.StartOfDay(scope.Period.Last.AddDays(1), "UTC") });
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = scope.Owners });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }
}
