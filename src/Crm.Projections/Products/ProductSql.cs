using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Products;

/// <summary>crm.products by column name, shared by the projection and the queries.</summary>
internal sealed class ProductSql() : RowBinder<ProductRow>("id",
    "id", "code", "name", "category_id", "unit", "price", "currency", "description", "custom", "on_shelf", "version", "created_at", "updated_at")
{
    public static readonly ProductSql Binder = new();

    protected override string Select(string column) => column == "custom" ? "custom::text" : column;

    public override ProductRow Read(RowReader r) => new(
        r.Id("id"),
        new ProductFields(r.Text("name"), r.Text("code"), r.IdOrNull("category_id"), r.TextOrNull("unit"),
            new Money(r.Value<decimal>("price"), r.Text("currency")), r.TextOrNull("description"),
            r.TextOrNull("custom") is { } custom ? ProductFieldText.ParseCustom(custom) : null),
        r.Flag("on_shelf"), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(ProductRow row, RowValues v)
    {
        var f = row.Fields;
        v.Set("id", row.Id).Set("code", f.Code).Set("name", f.Name).Id("category_id", f.CategoryId).Text("unit", f.Unit)
            .Set("price", f.Price.Amount).Set("currency", f.Price.Currency).Text("description", f.Description)
            .Json("custom", ProductFieldText.Custom(f.Custom)).Set("on_shelf", row.OnShelf).Set("version", row.Version)
            .Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
    }
}

/// <summary>crm.product_categories by column name.</summary>
internal sealed class ProductCategorySql() : RowBinder<ProductCategoryRow>("id", "id", "name", "parent_id", "version", "created_at", "updated_at")
{
    public static readonly ProductCategorySql Binder = new();

    public override ProductCategoryRow Read(RowReader r) =>
        new(r.Id("id"), r.Text("name"), r.IdOrNull("parent_id"), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(ProductCategoryRow row, RowValues v) =>
        v.Set("id", row.Id).Set("name", row.Name).Id("parent_id", row.ParentId).Set("version", row.Version)
            .Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
}
