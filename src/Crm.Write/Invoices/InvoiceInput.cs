using System.Globalization;
using Crm.Events;

namespace Crm.Write.Invoices;

/// <summary>
/// An invoice's amount and fields as a client sent them: raw, not yet validated. In an edit, null leaves a value as is and an
/// empty remark clears it.
/// </summary>
/// <param name="Currency">Optional; when sent it must be the contract's currency.</param>
public sealed record InvoiceInput(decimal? Amount = null, string? Currency = null, string? Title = null, string? TaxNumber = null, string? Type = null,
    string? Remark = null)
{
    public const decimal MaxAmount = 999_999_999_999.99m;
    public const int MaxTitleLength = 100;
    public const int MaxRemarkLength = 500;

    public InvoiceInput Over(Money amount, InvoiceFields current) =>
        new(Amount ?? amount.Amount, Currency, Title ?? current.Title, TaxNumber ?? current.TaxNumber, Type ?? current.Type, Remark ?? current.Remark);

    /// <summary>The validated amount (in <paramref name="currency"/>) and fields, or the refusal naming every field at fault.</summary>
    public (Money? Amount, InvoiceFields? Fields, DomainError? Error) Validate(string currency)
    {
        var checks = new FieldChecks();
        if (Amount is not { } amount) checks.Fail("amount", "amount_required", "amount is required.");
        else if (amount <= 0 || amount > MaxAmount || decimal.Round(amount, 2) != amount)
            checks.Fail("amount", "amount_out_of_range", $"amount is more than 0, at most {MaxAmount}, with at most 2 decimal places.");
        var title = checks.Text("title", Title, MaxTitleLength, required: true) ?? "";
        var taxNumber = TaxNumberOf(checks);
        var type = Type?.Trim();
        if (string.IsNullOrEmpty(type) || !InvoiceTypes.All.Contains(type))
            checks.Fail("type", "type_invalid", $"type is one of {string.Join(", ", InvoiceTypes.All)}.");
        var remark = checks.Text("remark", Remark, MaxRemarkLength);
        if (DomainError.Invalid(checks.Errors) is { } invalid) return (null, null, invalid);
        if (Currency is { } sent && !string.Equals(sent.Trim(), currency, StringComparison.OrdinalIgnoreCase))
            return (null, null, DomainError.Unprocessable("currency", "currency_mismatch", $"An invoice is in its contract's currency, {currency}."));
        return (new Money(Amount!.Value, currency), new InvoiceFields(title, taxNumber!, type!, remark), null);
    }

    // 纳税人识别号: the 18-character unified social credit code, or an older 15- or 20-character number; letters and digits.
    private string? TaxNumberOf(FieldChecks checks)
    {
        var text = string.IsNullOrWhiteSpace(TaxNumber) ? null : TaxNumber.Trim().ToUpperInvariant();
        if (text is null) checks.Fail("taxNumber", "tax_number_required", "taxNumber is required.");
        else if (text.Length is not (15 or 18 or 20) || !text.All(char.IsAsciiLetterOrDigit))
            checks.Fail("taxNumber", "tax_number_invalid", "taxNumber has 15, 18 or 20 letters and digits.");
        return text;
    }

    /// <summary>An issue date: yyyy-MM-dd, not after <paramref name="today"/>; the refusal names issuedOn.</summary>
    public static (DateOnly? Date, DomainError? Error) IssuedOn(string? text, DateOnly today)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date <= today)
            return (date, null);
        return (null, DomainError.Invalid("issuedOn", "issued_on_invalid", "issuedOn is a date (yyyy-MM-dd), not in the future."));
    }
}
