using System.Text.Json;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Products;
using Crm.Write.Products;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Products;

/// <summary>
/// /api/products (SAL-1). Products are not owner-scoped: the route's permission is the whole access rule. Each endpoint
/// parses, calls the product handler (writes, in ProductEndpoints.Writes.cs) or the product queries (reads), and maps.
/// </summary>
public static partial class ProductEndpoints
{
    public static RouteGroupBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/products").WithTags("Products").RequireAuthorization();
        group.MapPost("/", Create).WithName("CreateProduct").RequirePermission("product.create").AsCommand(CommandHeaders.IdempotencyKey)
            .Documented(ProductApiDocs.Create);
        group.MapGet("/", List).WithName("ListProducts").RequirePermission("product.list").Documented(ProductApiDocs.List);
        group.MapPost("/search", Search).WithName("SearchProducts").RequirePermission("product.list").Documented(ProductApiDocs.Search);
        group.MapGet("/{id}", Get).WithName("GetProduct").RequirePermission("product.detail").Documented(ProductApiDocs.Get);
        group.MapPatch("/{id}", Update).WithName("UpdateProduct").RequirePermission("product.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(ProductApiDocs.Update);
        group.MapDelete("/{id}", Delete).WithName("DeleteProduct").RequirePermission("product.delete").AsCommand(CommandHeaders.IfMatch)
            .Documented(ProductApiDocs.Delete);
        group.MapGet("/{id}/history", History).WithName("GetProductHistory").RequirePermission("product.detail").Documented(ProductApiDocs.History);
        group.MapPost("/{id}/shelve", Shelve).WithName("ShelveProduct").RequirePermission("product.shelve")
            .AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey).Documented(ProductApiDocs.Shelve);
        group.MapPost("/{id}/unshelve", Unshelve).WithName("UnshelveProduct").RequirePermission("product.shelve")
            .AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey).Documented(ProductApiDocs.Unshelve);
        return group;
    }

    /// <summary>List products.</summary>
    /// <param name="limit">Page size; default and cap: the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="sort">updatedAt, createdAt or name; "-" prefix for descending.</param>
    /// <param name="q">Free text inside name and code.</param>
    /// <param name="category">Only products in this category or any of its sub-categories.</param>
    /// <param name="onShelf">Only products on shelf (true) or off shelf (false).</param>
    /// <param name="includeTotal">Also count every matching product (slower).</param>
    private static Task<Results<Ok<ProductListResponse>, ProblemHttpResult>> List(
        int? limit, string? cursor, string? sort, string? q, Guid? category, bool? onShelf, bool? includeTotal, [AsParameters] ProductServices s) =>
        ListAsync(null, limit, cursor, sort, q, category, onShelf, includeTotal, s);

    /// <summary>Search products with a filter tree.</summary>
    private static Task<Results<Ok<ProductListResponse>, ProblemHttpResult>> Search(ProductSearchRequest body, [AsParameters] ProductServices s) =>
        ListAsync(body.Filter, body.Limit, body.Cursor, body.Sort, body.Q, body.Category, body.OnShelf, body.IncludeTotal, s);

    private static async Task<Results<Ok<ProductListResponse>, ProblemHttpResult>> ListAsync(
        JsonElement? filterJson, int? limit, string? cursor, string? sort, string? q, Guid? category, bool? onShelf, bool? includeTotal, ProductServices s)
    {
        var (size, bad) = await ListPaging.PageSizeAsync(limit, cursor, s.Settings, s.Ct);
        if (bad is not null) return bad;
        var (request, badInput) = ListRequest(filterJson, sort, q, category, onShelf);
        if (badInput is not null) return badInput;
        request = request! with { Limit = size, Cursor = cursor };
        var page = await s.Products.ListAsync(request, s.Ct);
        long? total = includeTotal == true ? await s.Products.CountAsync(request, s.Ct) : null;
        return TypedResults.Ok(new ProductListResponse(page.Items.Select(ProductResponse.From).ToList(), page.NextCursor, total));
    }

    /// <summary>The list request every product list and the export share, each bad input a problem naming its field.</summary>
    internal static (ProductListRequest? Request, ProblemHttpResult? Problem) ListRequest(
        JsonElement? filterJson, string? sort, string? q, Guid? category, bool? onShelf)
    {
        var (order, badSort) = ListInputs.Sort(sort);
        if (badSort is not null) return (null, badSort);
        var (search, badQ) = ListInputs.Q(q);
        if (badQ is not null) return (null, badQ);
        var (filter, badFilter) = ListInputs.Filter(filterJson, ProductFilterFields.All);
        if (badFilter is not null) return (null, badFilter);
        return (new ProductListRequest(ListInputs.DefaultPageSize, null, order, filter, search, category, onShelf), null);
    }

    /// <summary>Read a product, now or as it was.</summary>
    /// <param name="id">The product's id.</param>
    /// <param name="version">Show it as it was at this version.</param>
    /// <param name="asOf">Show it as it was at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Get(
        Guid id, long? version, DateTimeOffset? asOf, [AsParameters] ProductServices s)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var row = version is null && asOf is null ? await s.Products.GetAsync(id, s.Ct)
            : await s.Store.ReadAsOfAsync<ProductRow>(id, version, asOf, ProductRow.Evolve, s.Ct);
        if (row is null) return Product.NotFound(id).ToProblem();
        s.Http.Response.SetETag(row.Version);
        return TypedResults.Ok(ProductResponse.From(row));
    }

    /// <summary>A product's operation log (a deleted product's too).</summary>
    /// <param name="id">The product's id.</param>
    private static async Task<Results<Ok<ProductHistoryResponse>, ProblemHttpResult>> History(Guid id, [AsParameters] ProductServices s)
    {
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        // Any stream can be read by id: only a product's stream is a product's history.
        if (events.Count == 0 || events[0].Data is not Events.Products.ProductCreated) return Product.NotFound(id).ToProblem();
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new ProductHistoryResponse(id, ProductHistory.Of(events)));
    }
}
