using System.Globalization;
using System.Text.Json;
using Crm.Events;

namespace Crm.Write.Opportunities;

/// <summary>
/// Opportunity fields as a client sent them: raw, not yet validated. In an edit, null leaves a field as is and an empty string
/// clears it (expectedCloseDate as yyyy-MM-dd text, so a bad date is refused naming the field); custom replaces the whole object.
/// </summary>
public sealed record OpportunityInput(
    string? Name = null, string? ExpectedCloseDate = null, string? Source = null, string? Remark = null, JsonElement? Custom = null)
{
    public const int MaxNameLength = 100;
    public const int MaxSourceLength = 50;
    public const int MaxRemarkLength = 2000;
    public const int MaxCustomLength = 16 * 1024;

    public OpportunityInput Over(OpportunityFields current) => new(
        Name ?? current.Name, ExpectedCloseDate ?? current.Get("expectedCloseDate"), Source ?? current.Source, Remark ?? current.Remark,
        Custom ?? current.Custom);

    /// <summary>The validated, normalized fields, or the refusal naming every field at fault.</summary>
    public (OpportunityFields? Fields, DomainError? Error) Validate()
    {
        var checks = new FieldChecks();
        var name = checks.Text("name", Name, MaxNameLength, required: true) ?? "";
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(ExpectedCloseDate))
        {
            var text = ExpectedCloseDate.Trim();
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) date = parsed;
            else checks.Fail("expectedCloseDate", "expected_close_date_invalid", "expectedCloseDate is a date: yyyy-MM-dd.");
        }
        var source = checks.Text("source", Source, MaxSourceLength);
        var remark = checks.Text("remark", Remark, MaxRemarkLength);
        JsonElement? custom = null;
        if (Custom is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } given)
        {
            // Measured and kept in the one text form (CustomJson): the same object read back from jsonb or sent with other
            // whitespace or key order is no change, and its size does not grow once stored.
            if (given.ValueKind != JsonValueKind.Object || CustomJson.Canonical(given).Length > MaxCustomLength)
                checks.Fail("custom", "custom_invalid", $"custom is a JSON object of at most {MaxCustomLength} characters.");
            else if (given.EnumerateObject().Any()) custom = CustomJson.Normalized(given);
        }
        var fields = new OpportunityFields(name, date, source, remark, custom);
        return DomainError.Invalid(checks.Errors) is { } error ? (null, error) : (fields, null);
    }

    /// <summary>An ISO 4217 code: three letters, upper-cased; the refusal names "currency".</summary>
    public static (string? Currency, DomainError? Error) Currency(string? text)
    {
        var code = text?.Trim().ToUpperInvariant();
        return code is { Length: 3 } && code.All(char.IsAsciiLetterUpper)
            ? (code, null)
            : (null, DomainError.Invalid("currency", "currency_invalid", "currency is an ISO 4217 code such as CNY or USD."));
    }

    /// <summary>An amount set by hand: 0 up to <see cref="OpportunityLines.MaxAmount"/>, at most 2 decimal places.</summary>
    public static DomainError? Amount(decimal amount) =>
        amount < 0 || amount > OpportunityLines.MaxAmount || decimal.Round(amount, 2) != amount
            ? DomainError.Invalid("amount", "amount_out_of_range", $"amount is 0 to {OpportunityLines.MaxAmount} with at most 2 decimal places.")
            : null;
}
