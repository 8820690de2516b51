using System.Globalization;
using System.Text.Json;

namespace Crm.Events;

/// <summary>
/// A product's fields as the text of its field changes (SAL-1): how an edit names each field old → new,
/// and how a fold applies such a change again. The decider and the read model share it, so both read an
/// edit the same way. Price is "12.50 CNY" (amount with two decimals, then the currency), custom is the
/// JSON object as compact text, categoryId the UUID.
/// </summary>
public static class ProductFieldText
{
    public static IReadOnlyList<string> Names { get; } = ["name", "code", "categoryId", "unit", "price", "description", "custom"];

    public static string? Get(ProductFields fields, string name) => name switch
    {
        "name" => fields.Name,
        "code" => fields.Code,
        "categoryId" => fields.CategoryId?.ToString(),
        "unit" => fields.Unit,
        "price" => Price(fields.Price),
        "description" => fields.Description,
        "custom" => Custom(fields.Custom),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a product field."),
    };

    public static IReadOnlyList<FieldChange> ChangesTo(ProductFields current, ProductFields next) =>
        Names.Select(n => new FieldChange(n, Get(current, n), Get(next, n))).Where(c => c.Old != c.New).ToList();

    public static ProductFields Apply(ProductFields fields, IEnumerable<FieldChange> changes) => changes.Aggregate(fields, (f, c) => c.Field switch
    {
        "name" => f with { Name = c.New ?? "" },
        "code" => f with { Code = c.New ?? "" },
        "categoryId" => f with { CategoryId = c.New is null ? null : Guid.Parse(c.New) },
        "unit" => f with { Unit = c.New },
        "price" => f with { Price = ParsePrice(c.New) ?? f.Price },
        "description" => f with { Description = c.New },
        "custom" => f with { Custom = c.New is null ? null : ParseCustom(c.New) },
        _ => f,
    });

    /// <summary>"12.50 CNY": the amount always with two decimals, invariant culture.</summary>
    public static string Price(Money price) => price.Amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + price.Currency;

    public static Money? ParsePrice(string? text)
    {
        var parts = text?.Split(' ');
        return parts is [var amount, var currency] && decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? new Money(value, currency) : null;
    }

    /// <summary>The custom object in its one text form (<see cref="CustomJson"/>); null for none.</summary>
    public static string? Custom(JsonElement? custom) => CustomJson.Canonical(custom);

    public static JsonElement ParseCustom(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
