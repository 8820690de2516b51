namespace Crm.Events.Products;

// Products (SAL-1) are not owned: every user with product.* permissions sees all of them. A product
// starts off shelf; only products on shelf can be put on new opportunity or contract lines, and the
// lines keep their own snapshot of name and price (OpportunityLine), so shelving, repricing or
// deleting a product never changes a written line.

/// <summary>A product was created (off shelf), from scratch or by import.</summary>
public sealed record ProductCreated(Guid ProductId, ProductFields Fields, DateTimeOffset At);

/// <summary>Fields of a product changed, each old → new as text (price as "12.50 CNY").</summary>
public sealed record ProductEdited(Guid ProductId, IReadOnlyList<FieldChange> Changes);

/// <summary>The product was put on shelf (上架): it can be added to new lines.</summary>
public sealed record ProductShelved(Guid ProductId, DateTimeOffset At);

/// <summary>The product was taken off shelf (下架): existing lines keep it, new lines refuse it.</summary>
public sealed record ProductUnshelved(Guid ProductId, DateTimeOffset At);

/// <summary>The product was deleted; its code becomes free again. Lines that name it keep their snapshot.</summary>
public sealed record ProductDeleted(Guid ProductId, string Code);
