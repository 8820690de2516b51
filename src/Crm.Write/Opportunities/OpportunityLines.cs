using Crm.Events;

namespace Crm.Write.Opportunities;

/// <summary>
/// The product lines of an opportunity, computed here and nowhere else: subtotal = quantity × unit price × (100 − discount) / 100,
/// rounded to 2 decimal places half away from zero (0.005 → 0.01); the lines' total is the sum of the rounded subtotals. Every
/// line is in the opportunity's one currency. A new line needs a product that exists and is on shelf; a line kept by its id
/// (same product) keeps its snapshot of name, code and unit, whatever became of the product since.
/// </summary>
public static class OpportunityLines
{
    public const int MaxLines = 200;
    public const decimal MaxQuantity = 1_000_000m;
    public const decimal MaxUnitPrice = 1_000_000_000m;
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    public static decimal Subtotal(decimal quantity, decimal unitPrice, decimal discountPercent) =>
        Cents(quantity * unitPrice * (100m - discountPercent) / 100m);

    /// <summary>Rounded half away from zero to exactly 2 decimal places (100 → 100.00), so events and tables show amounts alike.</summary>
    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero) + 0.00m;

    public static Money Total(IEnumerable<OpportunityLine> lines, string currency) => new(Cents(lines.Sum(l => l.Subtotal.Amount)), currency);

    /// <summary>The lines as written, or the refusal: 400 naming every malformed line field first, then 422 naming the first unusable line.</summary>
    public static (IReadOnlyList<OpportunityLine>? Lines, DomainError? Error) Build(
        IReadOnlyList<LineInput> inputs, string currency, IReadOnlyList<OpportunityLine> existing, IReadOnlyDictionary<Guid, ProductOnFile> products)
    {
        if (inputs.Count > MaxLines) return (null, DomainError.Invalid("lines", "lines_too_many", $"An opportunity has at most {MaxLines} lines."));
        var checks = new FieldChecks();
        var seen = new HashSet<Guid>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (line, at) = (inputs[i], $"lines[{i}]");
            if (!seen.Add(line.LineId)) checks.Fail(at + ".lineId", "line_id_taken", "Each line id appears once.");
            if (line.ProductId is null || line.ProductId == Guid.Empty) checks.Fail(at + ".productId", "line_product_required", "Each line names a product.");
            if (line.Quantity is not { } q || q <= 0 || q > MaxQuantity || decimal.Round(q, 4) != q)
                checks.Fail(at + ".quantity", "quantity_invalid", $"quantity is more than 0, at most {MaxQuantity}, with at most 4 decimal places.");
            if (line.UnitPrice is { } p && (p < 0 || p > MaxUnitPrice || decimal.Round(p, 2) != p))
                checks.Fail(at + ".unitPrice", "unit_price_invalid", $"unitPrice is 0 to {MaxUnitPrice} with at most 2 decimal places.");
            if (line.DiscountPercent is { } d && (d < 0 || d > 100 || decimal.Round(d, 2) != d))
                checks.Fail(at + ".discountPercent", "discount_out_of_range", "discountPercent is 0 to 100 with at most 2 decimal places.");
        }
        if (DomainError.Invalid(checks.Errors) is { } invalid) return (null, invalid);

        var lines = new List<OpportunityLine>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var (input, at) = (inputs[i], $"lines[{i}]");
            var productId = input.ProductId!.Value;
            var kept = existing.FirstOrDefault(l => l.LineId == input.LineId && l.ProductId == productId);
            string name, code;
            string? unit;
            decimal listPrice;
            if (kept is not null) (name, code, unit, listPrice) = (kept.ProductName, kept.ProductCode, kept.Unit, kept.UnitPrice.Amount);
            else
            {
                if (!products.TryGetValue(productId, out var product))
                    return (null, DomainError.Unprocessable(at + ".productId", "product_unknown", $"Product {productId} does not exist."));
                if (!product.OnShelf)
                    return (null, DomainError.Unprocessable(at + ".productId", "product_off_shelf",
                        $"Product {product.Code} is off shelf: only products on shelf go on new lines."));
                if (product.Currency != currency)
                    return (null, DomainError.Unprocessable(at, "currency_mismatch",
                        $"Product {product.Code} is priced in {product.Currency}; this opportunity is in {currency}."));
                (name, code, unit, listPrice) = (product.Name, product.Code, product.Unit, product.Price);
            }
            var (quantity, price, discount) = (input.Quantity!.Value, input.UnitPrice ?? listPrice, input.DiscountPercent ?? 0m);
            // A list price may be above a line's limit (products allow more): the line must then say its own price.
            if (input.UnitPrice is null && price > MaxUnitPrice)
                return (null, DomainError.Unprocessable(at + ".unitPrice", "unit_price_invalid",
                    $"Product {code} is priced above {MaxUnitPrice}, the most a line takes: send this line's unitPrice."));
            lines.Add(new OpportunityLine(input.LineId, productId, name, code, unit, quantity, new Money(Cents(price), currency), discount,
                new Money(Subtotal(quantity, price, discount), currency)));
        }
        // Every amount column holds at least MaxAmount: a total above it would fail in a read model, after the decision.
        if (lines.Sum(l => l.Subtotal.Amount) > MaxAmount)
            return (null, DomainError.Unprocessable("lines", "lines_total_too_large", $"The lines' total is at most {MaxAmount}."));
        return (lines, null);
    }
}
