using Crm.Events;
using Crm.Events.Products;
using Crm.EventStore;

namespace Crm.Projections.Products;

/// <summary>A product as lists and the detail view show it; one row of crm.products.</summary>
public sealed record ProductRow(Guid Id, ProductFields Fields, bool OnShelf, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The one fold of the product read model: the projection keeps the table with it, time travel folds a stream prefix.</summary>
    public static ProductRow? Evolve(ProductRow? row, StoredEvent e)
    {
        if (e.Data is ProductCreated c) return new ProductRow(c.ProductId, c.Fields, false, e.Version, e.Timestamp, e.Timestamp);
        if (row is null || e.Data is ProductDeleted) return null;
        var next = e.Data switch
        {
            ProductEdited x => row with { Fields = ProductFieldText.Apply(row.Fields, x.Changes) },
            ProductShelved => row with { OnShelf = true },
            ProductUnshelved => row with { OnShelf = false },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }
}

/// <summary>A product category as the read side shows it; one row of crm.product_categories.</summary>
public sealed record ProductCategoryRow(Guid Id, string Name, Guid? ParentId, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ProductCategoryRow? Evolve(ProductCategoryRow? row, StoredEvent e) => e.Data switch
    {
        ProductCategoryCreated c => new ProductCategoryRow(c.CategoryId, c.Name, c.ParentId, e.Version, e.Timestamp, e.Timestamp),
        ProductCategoryRenamed r when row is not null => row with { Name = r.Name, Version = e.Version, UpdatedAt = e.Timestamp },
        ProductCategoryMoved m when row is not null => row with { ParentId = m.ParentId, Version = e.Version, UpdatedAt = e.Timestamp },
        ProductCategoryDeleted => null,
        _ => row,
    };
}
