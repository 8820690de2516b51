namespace Crm.Events;

/// <summary>
/// One product line of an opportunity (or, later, a contract): a snapshot of the product's name,
/// code and unit as they were when the line was written, the quantity, the unit price, the discount
/// percentage (0–100) and the subtotal the decider computed from them (rounding: docs/sales.md).
/// </summary>
public sealed record OpportunityLine(
    Guid LineId,
    Guid ProductId,
    string ProductName,
    string ProductCode,
    string? Unit,
    decimal Quantity,
    Money UnitPrice,
    decimal DiscountPercent,
    Money Subtotal);
