using System.Globalization;
using System.Text.Json;
using Crm.Events;

namespace Crm.Write.Products;

/// <summary>
/// Product fields as sent (SAL-1). In an edit a null leaves a field as it is and an empty string clears a
/// text field; <see cref="CategoryId"/> is an <see cref="Edit{T}"/> (absent: leave; null inside: no category);
/// <see cref="Custom"/> replaces the whole object, and an empty object clears it.
/// </summary>
public sealed record ProductInput(
    string? Name = null, string? Code = null, Edit<Guid?>? CategoryId = null, string? Unit = null, decimal? Price = null, string? Currency = null,
    string? Description = null, JsonElement? Custom = null)
{
    public const int MaxCustomBytes = 64 * 1024;
    public const decimal MaxPrice = 9_999_999_999_999_999.99m;
    public const string DefaultCurrency = "CNY";

    /// <summary>The code as it is stored and compared: trimmed, upper case (invariant); null when blank.</summary>
    public static string? NormalizeCode(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    /// <summary>This edit laid over the product's current fields (the currency stays unless a new one is sent).</summary>
    public ProductInput Over(ProductFields current) => new(
        Name ?? current.Name, Code ?? current.Code, CategoryId ?? new Edit<Guid?>(current.CategoryId), Unit ?? current.Unit,
        Price ?? current.Price.Amount, Currency ?? current.Price.Currency, Description ?? current.Description,
        Custom ?? current.Custom ?? default(JsonElement?));

    /// <param name="currency">The currency when none is sent (the default currency on create).</param>
    public (ProductFields? Fields, DomainError? Error) Validate(string currency = DefaultCurrency)
    {
        var checks = new FieldChecks();
        var name = checks.Text("name", Name, 200, required: true) ?? "";
        var code = checks.Text("code", Code, 50, required: true)?.ToUpperInvariant() ?? "";
        if (code.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            checks.Fail("code", "code_invalid", "code has no spaces or control characters (letters, digits, - _ . / and the like).");
        var unit = checks.Text("unit", Unit, 20);
        var price = new Money(CheckPrice(checks), CheckCurrency(checks, currency));
        var fields = new ProductFields(name, code, CategoryId?.Value, unit, price, checks.Text("description", Description, 2000), CheckCustom(checks));
        return DomainError.Invalid(checks.Errors) is { } error ? (null, error) : (fields, null);
    }

    // Two decimal places exactly: a list price is never silently rounded.
    private decimal CheckPrice(FieldChecks checks)
    {
        if (Price is not { } price)
        {
            checks.Fail("price", "price_required", "price is required: the list price as a JSON number, e.g. 12.50.");
            return 0m;
        }
        if (price < 0) checks.Fail("price", "price_negative", "price cannot be negative.");
        else if (price > MaxPrice || decimal.Round(price, 2) != price)
            checks.Fail("price", "price_invalid", $"price has at most two decimal places and at most {MaxPrice.ToString(CultureInfo.InvariantCulture)}.");
        else return decimal.Round(price, 2) + 0.00m;
        return 0m;
    }

    private string CheckCurrency(FieldChecks checks, string fallback)
    {
        var currency = string.IsNullOrWhiteSpace(Currency) ? fallback : Currency.Trim().ToUpperInvariant();
        if (currency.Length == 3 && currency.All(char.IsAsciiLetterUpper)) return currency;
        checks.Fail("currency", "currency_invalid", "currency is an ISO 4217 code: three letters such as CNY, USD or EUR.");
        return fallback;
    }

    private JsonElement? CheckCustom(FieldChecks checks)
    {
        if (Custom is not { } custom || custom.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (custom.ValueKind != JsonValueKind.Object)
        {
            checks.Fail("custom", "custom_invalid", "custom is a JSON object of custom fields, or null.");
            return null;
        }
        if (ProductFieldText.Custom(custom)!.Length > MaxCustomBytes)
        {
            checks.Fail("custom", "custom_too_large", $"custom has at most {MaxCustomBytes / 1024} KiB of JSON.");
            return null;
        }
        return custom.EnumerateObject().Any() ? custom.Clone() : null;
    }
}
