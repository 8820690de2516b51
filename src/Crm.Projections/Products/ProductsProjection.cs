using Crm.Events.Products;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Products;

/// <summary>crm.products, inline: the code check and new opportunity lines read it inside their own appends.</summary>
public sealed class ProductsProjection() : TableProjection<ProductRow>("crm.products", ProductSql.Binder)
{
    public override string Name => "crm.products";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [
            typeof(ProductCreated), typeof(ProductEdited), typeof(ProductShelved), typeof(ProductUnshelved), typeof(ProductDeleted),
            typeof(ProductExternalIdLinked),
            .. Attachments.AttachmentEventTypes.All,
        ];

    protected override ProductRow? Evolve(ProductRow? current, Guid key, StoredEvent e) => ProductRow.Evolve(current, e);
}

/// <summary>crm.product_categories, inline: the tree's checks (no cycle, empty on delete) read it under the tree lock.</summary>
public sealed class ProductCategoriesProjection() : TableProjection<ProductCategoryRow>("crm.product_categories", ProductCategorySql.Binder)
{
    public override string Name => "crm.product_categories";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(ProductCategoryCreated), typeof(ProductCategoryRenamed), typeof(ProductCategoryMoved), typeof(ProductCategoryDeleted)];

    protected override ProductCategoryRow? Evolve(ProductCategoryRow? current, Guid key, StoredEvent e) => ProductCategoryRow.Evolve(current, e);
}
