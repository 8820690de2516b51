namespace Crm.Events;

/// <summary>What a target is for: who, which measure, which period. Never changes once set (delete and set another instead).</summary>
/// <param name="SubjectKind"><see cref="TargetSubjects"/>' text.</param>
/// <param name="Measure"><see cref="TargetMeasures"/>' text.</param>
/// <param name="Period"><see cref="TargetPeriods"/>' text.</param>
/// <param name="PeriodNo">1–4 for a quarter, 1–12 for a month; null for a year.</param>
public sealed record TargetKey(string SubjectKind, Guid SubjectId, string Measure, int Year, string Period, int? PeriodNo)
{
    /// <summary>The first day of the period.</summary>
    public DateOnly From => Period switch
    {
        TargetPeriods.Quarter => new DateOnly(Year, ((PeriodNo ?? 1) - 1) * 3 + 1, 1),
        TargetPeriods.Month => new DateOnly(Year, PeriodNo ?? 1, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    /// <summary>The day after the period's last day.</summary>
    public DateOnly Until => Period switch
    {
        TargetPeriods.Quarter => From.AddMonths(3),
        TargetPeriods.Month => From.AddMonths(1),
        _ => From.AddYears(1),
    };

    /// <summary>The name of the advisory lock that keeps the key unique.</summary>
    public string LockName => FormattableString.Invariant($"target:{SubjectKind}:{SubjectId}:{Measure}:{Year}:{Period}:{PeriodNo}");
}

public static class TargetSubjects
{
    public const string User = "user";
    public const string Department = "department";
    public static IReadOnlyList<string> All { get; } = [User, Department];
}

public static class TargetMeasures
{
    /// <summary>Amounts of approved contracts, dated by their signing date (else their approval date).</summary>
    public const string ContractAmount = "contract_amount";

    /// <summary>Amounts of approved payments, dated by their receipt date.</summary>
    public const string PaymentsReceived = "payments_received";

    public static IReadOnlyList<string> All { get; } = [ContractAmount, PaymentsReceived];
}

public static class TargetPeriods
{
    public const string Year = "year";
    public const string Quarter = "quarter";
    public const string Month = "month";
    public static IReadOnlyList<string> All { get; } = [Year, Quarter, Month];
}
