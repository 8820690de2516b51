using Crm.Events;
using Crm.Host.Platform;
using Crm.Host.Targets;
using Crm.Projections.Dashboard;
using Crm.Projections.Funnel;
using Crm.Projections.Pipelines;
using Crm.Projections.Targets;

namespace Crm.Host.Dashboard;

/// <summary>The period's and the previous period's activity and deals, per owner (index 0 the period, 1 the one before).</summary>
public sealed record PeriodFigures(IReadOnlyList<ActivitySums> Activity, IReadOnlyList<DealSums> Deals);

/// <summary>Each card of the dashboard from the async read models (never the write tables): the queries, then the figures.</summary>
public sealed class DashboardCards(DashboardQueries queries, TargetQueries targets, FunnelQueries funnel, PipelineQueries pipelines, DatabaseRetry retry)
{
    public const int RankingSize = 10;

    /// <summary>
    /// What the briefing and the rankings both read: the period's and the previous period's activity and deals, per owner, in two
    /// statements (the briefing sums the owners, the rankings order them), so the whole dashboard reads each bucket range once.
    /// </summary>
    public async Task<PeriodFigures> FiguresAsync(DashboardScope s, CancellationToken ct)
    {
        var p = s.Period;
        DayPeriod[] days = [new(p.First, p.Last), new(p.PreviousFirst, p.PreviousLast)];
        var activity = Read(c => queries.ActivityAsync([s.Instants(p.First, p.Last), s.Instants(p.PreviousFirst, p.PreviousLast)], s.Owners, true, c), ct);
        var deals = ByMeasure(s, (owners, measures, c) => queries.DealsAsync(days, owners, true, measures, c), ct);
        return new PeriodFigures(await activity, await deals);
    }

    /// <summary>Contract and payment sums, each within its own permission's scope: one read when both scopes are the same.</summary>
    private async Task<IReadOnlyList<T>> ByMeasure<T>(DashboardScope s, Func<Guid[]?, string[], CancellationToken, Task<IReadOnlyList<T>>> read,
        CancellationToken ct)
    {
        var (contracts, payments) = (s.OwnersFor("contract.list"), s.OwnersFor("payment.list"));
        if (contracts == payments || (contracts is not null && payments is not null && contracts.SequenceEqual(payments)))
            return await Read(c => read(contracts, DashboardQueries.Measures, c), ct);
        var first = Read(c => read(contracts, [TargetMeasures.ContractAmount], c), ct);
        var second = Read(c => read(payments, [TargetMeasures.PaymentsReceived], c), ct);
        return [.. await first, .. await second];
    }

    public static BriefingCard Briefing(PeriodFigures figures)
    {
        var activity = figures.Activity;
        CountFigure Count(Func<ActivitySums, long> pick) =>
            Figure(activity.Where(a => a.Period == 0).Sum(pick), activity.Where(a => a.Period == 1).Sum(pick));
        var money = figures.Deals;
        long Contracts(int period) => money.Where(d => d.Period == period && d.Measure == TargetMeasures.ContractAmount).Sum(d => d.Deals);
        return new BriefingCard(Count(a => a.NewCustomers), Count(a => a.NewContacts), Count(a => a.NewLeads), Count(a => a.NewOpportunities),
            Figure(Contracts(0), Contracts(1)), Count(a => a.FollowUps), Money(money, TargetMeasures.ContractAmount),
            Money(money, TargetMeasures.PaymentsReceived));
    }

    public async Task<KpisCard> KpisAsync(DashboardScope s, CancellationToken ct)
    {
        var kind = s.UserId is not null ? TargetSubjects.User : s.DepartmentId is not null ? TargetSubjects.Department : null;
        var filter = new TargetFilter(s.OwnersFor("target.list"), SubjectKind: kind, SubjectId: s.UserId ?? s.DepartmentId, On: s.Period.Last);
        var rows = await Read(c => targets.AchievementAsync(filter, TargetEndpoints.MaxItems, c), ct);
        return new KpisCard(rows.Select(a => new KpiResponse(TargetResponse.From(a.Target), a.Achieved,
            decimal.Round(a.Ratio * 100m, 2, MidpointRounding.AwayFromZero))).ToList());
    }

    /// <summary>The pipeline's funnel over the opportunities in scope as they stand (not limited to the period); null: no such pipeline.</summary>
    public async Task<FunnelReport?> FunnelAsync(DashboardScope s, Guid? pipelineId, CancellationToken ct)
    {
        var pipeline = await Read(c => pipelineId is { } id ? pipelines.GetAsync(id, c) : pipelines.DefaultAsync(c), ct);
        if (pipeline is null) return null;
        var filter = new FunnelFilter(s.OwnersFor("opportunity.list"), null, null);
        return await Read(c => funnel.ReportAsync(pipeline.Id, pipeline.Name, pipeline.Stages, filter, c), ct);
    }

    public async Task<TrendCard> TrendAsync(DashboardScope s, CancellationToken ct)
    {
        var months = s.Period.TrendMonths();
        var rows = await ByMeasure(s, (owners, measures, c) => queries.MonthlyDealsAsync(months[0], months.Count, owners, measures, c), ct);
        List<MoneyTotal> Totals(DateOnly month, string measure) => rows.Where(r => r.Month == month && r.Measure == measure)
            .GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new MoneyTotal(g.Key, g.Sum(r => r.Amount))).ToList();
        return new TrendCard(months.Select(m => new TrendMonth(m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            rows.Where(r => r.Month == m && r.Measure == TargetMeasures.ContractAmount).Sum(r => r.Deals),
            Totals(m, TargetMeasures.ContractAmount), Totals(m, TargetMeasures.PaymentsReceived))).ToList());
    }

    public async Task<RankingsCard> RankingsAsync(PeriodFigures figures, CancellationToken ct)
    {
        var counts = figures.Activity.Where(a => a.Period == 0).ToList();
        var money = figures.Deals.Where(d => d.Period == 0).ToList();
        var customers = TopCounts(counts, a => a.NewCustomers);
        var followUps = TopCounts(counts, a => a.FollowUps);
        var contracts = TopAmounts(money, TargetMeasures.ContractAmount);
        var payments = TopAmounts(money, TargetMeasures.PaymentsReceived);
        var ids = customers.Concat(followUps).Select(x => x.Owner).Concat(contracts.Concat(payments).Select(x => x.Owner)).ToHashSet();
        var names = await Read(c => queries.UserNamesAsync(ids, c), ct);
        string Name(Guid id) => names.GetValueOrDefault(id, "");
        return new RankingsCard(
            contracts.Select(x => new RankedAmount(x.Rank, x.Owner, Name(x.Owner), x.Currency, x.Amount)).ToList(),
            payments.Select(x => new RankedAmount(x.Rank, x.Owner, Name(x.Owner), x.Currency, x.Amount)).ToList(),
            customers.Select(x => new RankedCount(x.Rank, x.Owner, Name(x.Owner), x.Count)).ToList(),
            followUps.Select(x => new RankedCount(x.Rank, x.Owner, Name(x.Owner), x.Count)).ToList());
    }

    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/> in percent (2 places); null from 0.</summary>
    public static decimal? ChangePercent(decimal current, decimal previous) =>
        previous == 0 ? null : decimal.Round((current - previous) * 100m / previous, 2, MidpointRounding.AwayFromZero);

    private static CountFigure Figure(long current, long previous) => new(current, previous, ChangePercent(current, previous));

    private static List<MoneyFigure> Money(IReadOnlyList<DealSums> deals, string measure) =>
        deals.Where(d => d.Measure == measure).Select(d => d.Currency).Distinct().Order(StringComparer.Ordinal).Select(currency =>
        {
            var now = deals.Where(d => d.Period == 0 && d.Measure == measure && d.Currency == currency).Sum(d => d.Amount);
            var before = deals.Where(d => d.Period == 1 && d.Measure == measure && d.Currency == currency).Sum(d => d.Amount);
            return new MoneyFigure(currency, now, before, ChangePercent(now, before));
        }).ToList();

    // Ties keep one order (the user id) so a page refresh does not shuffle equal users; a rank is the place, not a shared one.
    private static List<(int Rank, Guid Owner, long Count)> TopCounts(IReadOnlyList<ActivitySums> sums, Func<ActivitySums, long> pick) =>
        sums.Where(a => a.OwnerId is not null && pick(a) > 0).OrderByDescending(pick).ThenBy(a => a.OwnerId).Take(RankingSize)
            .Select((a, i) => (i + 1, a.OwnerId!.Value, pick(a))).ToList();

    private static List<(int Rank, Guid Owner, string Currency, decimal Amount)> TopAmounts(IReadOnlyList<DealSums> sums, string measure) =>
        sums.Where(d => d.Measure == measure && d.OwnerId is not null).GroupBy(d => d.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(d => d.Amount).ThenBy(d => d.OwnerId).Take(RankingSize)
                .Select((d, i) => (i + 1, d.OwnerId!.Value, g.Key, d.Amount))).ToList();

    private Task<T> Read<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct) =>
        retry.Reads.ExecuteAsync(async c => await read(c), ct).AsTask();
}
