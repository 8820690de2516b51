using Crm.Events.Imports;
using System.Text.Json;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Projections.Products;
using Crm.Write;
using Crm.Write.Products;

namespace Crm.Host.Products;

/// <summary>A new product (SAL-1); it starts off shelf.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="Name">Required, at most 200 characters.</param>
/// <param name="Code">Required, unique among live products, at most 50 characters without spaces; stored upper case.</param>
/// <param name="CategoryId">A product category, or absent.</param>
/// <param name="Price">The list price: a JSON number, at least 0, at most two decimal places.</param>
/// <param name="Currency">ISO 4217 code (CNY, USD …); default CNY.</param>
/// <param name="Custom">Custom fields: a JSON object (at most 64 KiB), or null.</param>
public sealed record CreateProductRequest(
    Guid? Id, [property: MustSend] string? Name, [property: MustSend] string? Code, Guid? CategoryId, string? Unit, [property: MustSend] decimal? Price,
    string? Currency, string? Description, [property: NullMeans("no custom fields")] JsonElement? Custom)
{
    public ProductInput Input() => new(Name, Code, CategoryId is null ? null : new Edit<Guid?>(CategoryId), Unit, Price, Currency, Description, Custom);
}

/// <summary>Fields to change: only the ones sent change; an empty string clears a text field.</summary>
/// <param name="CategoryId">A category id, or an empty string for none.</param>
/// <param name="Custom">Replaces the whole custom object; {} clears it.</param>
public sealed record UpdateProductRequest(
    string? Name, string? Code, string? CategoryId, string? Unit, decimal? Price, string? Currency, string? Description, JsonElement? Custom);

/// <summary>A product.</summary>
/// <param name="Price">The list price, exact decimal with two places.</param>
/// <param name="OnShelf">Only products on shelf can be put on new opportunity and contract lines.</param>
/// <param name="Version">Its stream version; the same value as the ETag.</param>
public sealed record ProductResponse(
    Guid Id, string Code, string Name, Guid? CategoryId, string? Unit, decimal Price, string Currency, string? Description, JsonElement? Custom,
    bool OnShelf, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ProductResponse From(ProductRow r) => new(r.Id, r.Fields.Code, r.Fields.Name, r.Fields.CategoryId, r.Fields.Unit, r.Fields.Price.Amount,
        r.Fields.Price.Currency, r.Fields.Description, r.Fields.Custom, r.OnShelf, r.Version, r.CreatedAt, r.UpdatedAt);
}

/// <summary>One page of products.</summary>
/// <param name="Total">How many products match in all; only with includeTotal=true.</param>
public sealed record ProductListResponse(IReadOnlyList<ProductResponse> Items, string? NextCursor, long? Total = null);

/// <summary>
/// A search over products with a JSON filter tree (fields: name, code, unit, price, currency, description, categoryId, onShelf,
/// createdAt, updatedAt; price compares as a number: eq ne gt gte lt lte between).
/// </summary>
/// <param name="Category">Only products in this category or its sub-categories.</param>
public sealed record ProductSearchRequest(
    JsonElement? Filter, string? Q, [property: SortKey] string? Sort, int? Limit, string? Cursor, Guid? Category, bool? OnShelf, bool? IncludeTotal);

/// <summary>A product's operation log, oldest first.</summary>
public sealed record ProductHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);

/// <summary>What a product import did: rows read, written and refused, and each refused row's faults.</summary>
/// <param name="Id">The import's id: the correlation id of every product it wrote.</param>
public sealed record ProductImportReport(
    Guid Id, string? FileName, Guid? ImportedBy, DateTimeOffset ImportedAt, int TotalRows, int Succeeded, int Failed, IReadOnlyList<ImportRowReport> Failures)
{
    public static ProductImportReport From(ProductsImported e, Guid? actor, DateTimeOffset at) =>
        new(e.ImportId, e.FileName, actor, at, e.TotalRows, e.Succeeded, e.Failed, ImportRowReport.Of(e.Failures));
}

/// <summary>A new product category.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="Name">1 to 100 characters after trimming.</param>
/// <param name="ParentId">The parent category; null or absent for the top level.</param>
public sealed record CreateProductCategoryRequest(Guid? Id, [property: MustSend] string? Name, [property: NullMeans("the top level")] Guid? ParentId);

/// <summary>A rename and/or a move: only what is sent changes.</summary>
/// <param name="Name">The new name, 1 to 100 characters.</param>
/// <param name="ParentId">The new parent category's id, or null for the top level; absent leaves the category where it is.</param>
public sealed record UpdateProductCategoryRequest(string? Name, [property: NullMeans("the top level")] JsonElement ParentId);

/// <summary>A product category; in the tree view with its sub-categories.</summary>
/// <param name="Children">The sub-categories by name (tree view only).</param>
public sealed record ProductCategoryResponse(
    Guid Id, string Name, Guid? ParentId, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ProductCategoryResponse>? Children)
{
    public static ProductCategoryResponse From(ProductCategoryRow r, IReadOnlyList<ProductCategoryResponse>? children = null) =>
        new(r.Id, r.Name, r.ParentId, r.Version, r.CreatedAt, r.UpdatedAt, children);

    /// <summary>The rows as a tree: top-level categories (or orphans) with their sub-categories, each level by name.</summary>
    public static IReadOnlyList<ProductCategoryResponse> Tree(IReadOnlyList<ProductCategoryRow> rows)
    {
        var ids = rows.Select(r => r.Id).ToHashSet();
        var byParent = rows.ToLookup(r => r.ParentId is { } p && ids.Contains(p) ? p : (Guid?)null);
        return Level(null, 0);

        IReadOnlyList<ProductCategoryResponse> Level(Guid? parent, int depth) =>
            byParent[parent].Select(r => From(r, depth < 1000 ? Level(r.Id, depth + 1) : [])).ToList();
    }
}

/// <summary>Every product category, flat (each with its parentId) or as a tree.</summary>
public sealed record ProductCategoryListResponse(IReadOnlyList<ProductCategoryResponse> Items);

/// <summary>A product category's operation log, oldest first.</summary>
public sealed record ProductCategoryHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);
