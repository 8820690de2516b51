using Crm.Events;
using Crm.Host.Platform;
using Crm.Projections.Targets;
using Crm.Write.Targets;

namespace Crm.Host.Targets;

/// <summary>A new sales target (SAL-7): who, which measure, which period, how much.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="SubjectKind">user or department.</param>
/// <param name="SubjectId">The user or department; it must exist (422 subject_unknown) and be inside your target.edit scope (422 subject_out_of_scope).</param>
/// <param name="Measure">contract_amount (approved contracts) or payments_received (approved payments).</param>
/// <param name="Year">2000–2100.</param>
/// <param name="Period">year, quarter or month.</param>
/// <param name="PeriodNo">1–4 for a quarter, 1–12 for a month; absent for a year.</param>
/// <param name="Amount">More than 0, at most 2 decimal places.</param>
/// <param name="Currency">ISO 4217; only deals in this currency count.</param>
public sealed record CreateTargetRequest(
    Guid? Id, [property: MustSend, WireValues(typeof(TargetSubjects), nameof(TargetSubjects.All))] string? SubjectKind,
    [property: MustSend] Guid? SubjectId, [property: MustSend, WireValues(typeof(TargetMeasures), nameof(TargetMeasures.All))] string? Measure,
    [property: MustSend] int? Year, [property: MustSend, WireValues(typeof(TargetPeriods), nameof(TargetPeriods.All))] string? Period, int? PeriodNo,
    [property: MustSend] decimal? Amount, [property: MustSend] string? Currency)
{
    public TargetInput Input() => new(SubjectKind, SubjectId, Measure, Year, Period, PeriodNo, Amount, Currency);
}

/// <summary>A target's new amount (subject, measure and period never change: delete it and set another).</summary>
/// <param name="Amount">More than 0, at most 2 decimal places; absent: unchanged.</param>
/// <param name="Currency">Absent: unchanged.</param>
public sealed record UpdateTargetRequest(decimal? Amount, string? Currency);

/// <summary>A sales target.</summary>
/// <param name="StartsOn">The period's first day.</param>
/// <param name="EndsOn">The period's last day.</param>
public sealed record TargetResponse(
    Guid Id, [property: WireValues(typeof(TargetSubjects), nameof(TargetSubjects.All))] string SubjectKind, Guid SubjectId,
    [property: WireValues(typeof(TargetMeasures), nameof(TargetMeasures.All))] string Measure, int Year,
    [property: WireValues(typeof(TargetPeriods), nameof(TargetPeriods.All))] string Period, int? PeriodNo, DateOnly StartsOn, DateOnly EndsOn,
    decimal Amount, string Currency, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static TargetResponse From(TargetRow r) => new(r.Id, r.Key.SubjectKind, r.Key.SubjectId, r.Key.Measure, r.Key.Year, r.Key.Period,
        r.Key.PeriodNo, r.Key.From, r.Key.Until.AddDays(-1), r.Amount.Amount, r.Amount.Currency, r.Version, r.CreatedAt, r.UpdatedAt);
}

public sealed record TargetListResponse(IReadOnlyList<TargetResponse> Items);

/// <summary>A target and what was achieved against it.</summary>
/// <param name="Achieved">The sum of the counted deals of the period (approved, not voided contracts; approved payments) in the target's currency.</param>
/// <param name="Ratio">achieved / amount, 4 decimal places (1 = reached).</param>
public sealed record TargetAchievementResponse(TargetResponse Target, decimal Achieved, decimal Ratio);

public sealed record AchievementResponse(IReadOnlyList<TargetAchievementResponse> Items);
