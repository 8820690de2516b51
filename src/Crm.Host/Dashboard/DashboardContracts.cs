using Crm.Host.Platform;
using Crm.Host.Targets;
using Crm.Projections.Dashboard;
using Crm.Projections.Funnel;

namespace Crm.Host.Dashboard;

/// <summary>The period a dashboard answer covers, as applied: its days in the zone, the period it is compared with, and whose figures.</summary>
/// <param name="From">First day (in <paramref name="TimeZone"/>).</param>
/// <param name="To">Last day (inclusive).</param>
public sealed record DashboardPeriodResponse(
    [property: WireValues(typeof(DashboardPeriod), nameof(DashboardPeriod.Names))] string Name, DateOnly From, DateOnly To, DateOnly PreviousFrom,
    DateOnly PreviousTo, string TimeZone, Guid? UserId, Guid? DepartmentId);

/// <summary>A count in the period beside the previous period's; the change in percent, null when the previous count is 0.</summary>
public sealed record CountFigure(long Current, long Previous, decimal? ChangePercent);

/// <summary>Money of one currency in the period beside the previous period's; the change in percent, null when the previous was 0.</summary>
public sealed record MoneyFigure(string Currency, decimal Current, decimal Previous, decimal? ChangePercent);

/// <summary>The briefing: what was started and done in the period, each beside the previous period.</summary>
/// <param name="NewContracts">Approved (not voided) contracts dated in the period (by signing date, else approval date).</param>
/// <param name="ContractAmount">Their amounts, per currency.</param>
/// <param name="PaymentsReceived">Approved payments received in the period, per currency.</param>
public sealed record BriefingCard(
    CountFigure NewCustomers, CountFigure NewContacts, CountFigure NewLeads, CountFigure NewOpportunities, CountFigure NewContracts,
    CountFigure FollowUps, IReadOnlyList<MoneyFigure> ContractAmount, IReadOnlyList<MoneyFigure> PaymentsReceived);

/// <summary>A target whose period holds the dashboard period's last day, with what was achieved against it.</summary>
public sealed record KpiResponse(TargetResponse Target, decimal Achieved, decimal CompletionPercent);

/// <summary>Targets against achievement (SAL-7's targets, the same sums as /api/targets/achievement).</summary>
public sealed record KpisCard(IReadOnlyList<KpiResponse> Items);

/// <summary>An amount of one currency.</summary>
public sealed record MoneyTotal(string Currency, decimal Amount);

/// <summary>One calendar month of the trend.</summary>
/// <param name="Month">yyyy-MM.</param>
/// <param name="Contracts">Approved contracts dated in the month.</param>
public sealed record TrendMonth(string Month, long Contracts, IReadOnlyList<MoneyTotal> ContractAmount, IReadOnlyList<MoneyTotal> PaymentsReceived);

/// <summary>Contract amounts and payments per month: the twelve months ending with the period's last.</summary>
public sealed record TrendCard(IReadOnlyList<TrendMonth> Months);

/// <summary>A user's place by an amount of one currency (ranked within that currency).</summary>
public sealed record RankedAmount(int Rank, Guid UserId, string UserName, string Currency, decimal Amount);

/// <summary>A user's place by a count.</summary>
public sealed record RankedCount(int Rank, Guid UserId, string UserName, long Count);

/// <summary>The top users of the period (at most ten per list; per currency for amounts).</summary>
public sealed record RankingsCard(
    IReadOnlyList<RankedAmount> ContractAmount, IReadOnlyList<RankedAmount> PaymentsReceived, IReadOnlyList<RankedCount> NewCustomers,
    IReadOnlyList<RankedCount> FollowUps);

/// <summary>The whole dashboard. Funnel is null when there is no pipeline.</summary>
public sealed record DashboardResponse(
    DashboardPeriodResponse Period, BriefingCard Briefing, KpisCard Kpis, FunnelReport? Funnel, TrendCard Trend, RankingsCard Rankings);

public sealed record DashboardBriefingResponse(DashboardPeriodResponse Period, BriefingCard Briefing);

public sealed record DashboardKpisResponse(DashboardPeriodResponse Period, KpisCard Kpis);

public sealed record DashboardFunnelResponse(DashboardPeriodResponse Period, FunnelReport? Funnel);

public sealed record DashboardTrendResponse(DashboardPeriodResponse Period, TrendCard Trend);

public sealed record DashboardRankingsResponse(DashboardPeriodResponse Period, RankingsCard Rankings);
