using Crm.Events;

namespace Crm.Write.Targets;

/// <summary>A target as a client sent it: raw, not yet validated.</summary>
/// <param name="PeriodNo">1–4 for a quarter, 1–12 for a month; absent for a year.</param>
public sealed record TargetInput(
    string? SubjectKind, Guid? SubjectId, string? Measure, int? Year, string? Period, int? PeriodNo, decimal? Amount, string? Currency)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const decimal MaxAmount = 999_999_999_999.99m;

    /// <summary>The validated key and amount, or the refusal naming every field at fault.</summary>
    public (TargetKey? Key, Money? Amount, DomainError? Error) Validate()
    {
        var checks = new FieldChecks();
        if (SubjectKind is null || !TargetSubjects.All.Contains(SubjectKind))
            checks.Fail("subjectKind", "subject_kind_invalid", "subjectKind is user or department.");
        if (SubjectId is not { } subject || subject == Guid.Empty) checks.Fail("subjectId", "subject_required", "subjectId names the user or department.");
        if (Measure is null || !TargetMeasures.All.Contains(Measure))
            checks.Fail("measure", "measure_invalid", "measure is contract_amount or payments_received.");
        if (Year is not (>= MinYear and <= MaxYear)) checks.Fail("year", "year_out_of_range", $"year is {MinYear} to {MaxYear}.");
        if (Period is null || !TargetPeriods.All.Contains(Period)) checks.Fail("period", "period_invalid", "period is year, quarter or month.");
        else if (!PeriodNoFits(Period, PeriodNo))
            checks.Fail("periodNo", "period_no_invalid", "periodNo is 1–4 for a quarter, 1–12 for a month and absent for a year.");
        var (amount, badAmount) = AmountOf(Amount, Currency);
        if (badAmount is not null) checks.Fail(badAmount.Field!, badAmount.Code, badAmount.Message);
        if (DomainError.Invalid(checks.Errors) is { } invalid) return (null, null, invalid);
        return (new TargetKey(SubjectKind!, SubjectId!.Value, Measure!, Year!.Value, Period!, PeriodNo), amount, null);
    }

    /// <summary>An amount to reach: more than 0, at most 2 decimals, in an ISO 4217 currency.</summary>
    public static (Money? Amount, DomainError? Error) AmountOf(decimal? amount, string? currency)
    {
        if (amount is not { } value || value <= 0 || value > MaxAmount || decimal.Round(value, 2) != value)
            return (null, DomainError.Invalid("amount", "amount_out_of_range", $"amount is more than 0, at most {MaxAmount}, with at most 2 decimal places."));
        var code = currency?.Trim().ToUpperInvariant();
        if (code is not { Length: 3 } || !code.All(char.IsAsciiLetterUpper))
            return (null, DomainError.Invalid("currency", "currency_invalid", "currency is an ISO 4217 code such as CNY."));
        return (new Money(value, code), null);
    }

    private static bool PeriodNoFits(string period, int? no) => period switch
    {
        TargetPeriods.Quarter => no is >= 1 and <= 4,
        TargetPeriods.Month => no is >= 1 and <= 12,
        _ => no is null,
    };
}
