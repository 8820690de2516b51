using System.Globalization;
using Crm.Events;

namespace Crm.Write.Payments;

/// <summary>
/// A payment's fields as a client sent them: raw, not yet validated. In an edit, null leaves a field as is; an empty string clears
/// planId, method or remark. receivedOn is yyyy-MM-dd text and planId UUID text, so a bad one is refused naming the field.
/// </summary>
public sealed record PaymentInput(
    decimal? Amount = null, string? Currency = null, string? ReceivedOn = null, string? PlanId = null, string? Method = null, string? Remark = null)
{
    public const int MaxMethodLength = 50;
    public const int MaxRemarkLength = 2000;

    /// <summary>The input over the payment's current fields: what an edit leaves alone stays.</summary>
    public PaymentInput Over(PaymentFields current) => new(
        Amount ?? current.Amount.Amount, Currency ?? current.Amount.Currency,
        ReceivedOn ?? current.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PlanId ?? current.PlanId?.ToString() ?? "", Method ?? current.Method ?? "", Remark ?? current.Remark ?? "");

    /// <summary>
    /// The validated fields against the contract they are paid on, or the refusal naming every field at fault: amount more than 0,
    /// at most 2 decimals and not over the contract's amount; the contract's currency; received today or earlier (UTC); a plan of that contract.
    /// </summary>
    public (PaymentFields? Fields, DomainError? Error) Validate(ContractOnFile contract, DateOnly today)
    {
        var checks = new FieldChecks();
        var amount = Amount ?? 0m;
        if (Amount is null) checks.Fail("amount", "amount_required", "amount is required.");
        else if (amount <= 0 || decimal.Round(amount, 2) != amount)
            checks.Fail("amount", "amount_invalid", "amount is more than 0 with at most 2 decimal places.");
        else if (amount > contract.Amount.Amount)
            checks.Fail("amount", "amount_over_contract", $"amount is at most the contract's amount ({contract.Amount}).");
        var currency = string.IsNullOrWhiteSpace(Currency) ? contract.Amount.Currency : Currency.Trim().ToUpperInvariant();
        if (currency != contract.Amount.Currency)
            checks.Fail("currency", "currency_mismatch", $"A payment is in its contract's currency, {contract.Amount.Currency}.");
        var receivedOn = DateOnly.MinValue;
        if (string.IsNullOrWhiteSpace(ReceivedOn)) checks.Fail("receivedOn", "received_on_required", "receivedOn is required: yyyy-MM-dd.");
        else if (!DateOnly.TryParseExact(ReceivedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out receivedOn))
            checks.Fail("receivedOn", "received_on_invalid", "receivedOn is a date: yyyy-MM-dd.");
        else if (receivedOn > today)
            checks.Fail("receivedOn", "received_on_in_future", $"receivedOn is today ({today:yyyy-MM-dd}, UTC) or earlier: money not yet received is a plan.");
        Guid? planId = null;
        if (!string.IsNullOrWhiteSpace(PlanId))
        {
            if (!Guid.TryParse(PlanId.Trim(), out var plan)) checks.Fail("planId", "plan_id_invalid", "planId is a UUID.");
            else if (!contract.PlanIds.Contains(plan)) checks.Fail("planId", "plan_unknown", $"planId {plan} is not an instalment of this contract's plan.");
            else planId = plan;
        }
        var method = checks.Text("method", Method, MaxMethodLength);
        var remark = checks.Text("remark", Remark, MaxRemarkLength);
        if (DomainError.Invalid(checks.Errors) is { } error)
            return (null, error.Errors.All(e => Misfits.Contains(e.Code)) ? error with { Kind = ErrorKind.Unprocessable } : error);
        return (new PaymentFields(new Money(amount + 0.00m, currency), receivedOn, planId, method, remark), null);
    }

    // Well-formed input that does not fit the contract is 422, as every "refers to something unusable" refusal; with malformed input
    // beside it the refusal stays 400 (the client fixes the form first), naming every field either way.
    private static readonly HashSet<string> Misfits = ["amount_over_contract", "currency_mismatch", "plan_unknown"];
}

/// <summary>What a payment's rules need of its contract, folded from the contract's stream by the handler.</summary>
public sealed record ContractOnFile(Guid Id, bool Exists, string Status, Guid CustomerId, Guid OwnerId, Money Amount, IReadOnlySet<Guid> PlanIds)
{
    public static ContractOnFile From(Contracts.ContractState state) =>
        new(state.Id, state.Exists, state.Status, state.CustomerId, state.OwnerId, state.Amount, state.Plans.Select(p => p.PlanId).ToHashSet());
}
