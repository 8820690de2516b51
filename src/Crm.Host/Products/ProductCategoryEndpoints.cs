using System.Text.Json;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Products;
using Crm.Write;
using Crm.Write.Products;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Products;

/// <summary>/api/product-categories (SAL-1): the category tree. Reading takes product.list, changing product.edit.</summary>
public static class ProductCategoryEndpoints
{
    public static RouteGroupBuilder MapProductCategoriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/product-categories").WithTags("Product categories").RequireAuthorization();
        group.MapGet("/", List).WithName("ListProductCategories").RequirePermission("product.list").Documented(ProductCategoryApiDocs.List);
        group.MapPost("/", Create).WithName("CreateProductCategory").RequirePermission("product.edit").AsCommand(CommandHeaders.IdempotencyKey)
            .Documented(ProductCategoryApiDocs.Create);
        group.MapGet("/{id}", Get).WithName("GetProductCategory").RequirePermission("product.list").Documented(ProductCategoryApiDocs.Get);
        group.MapPatch("/{id}", Update).WithName("UpdateProductCategory").RequirePermission("product.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(ProductCategoryApiDocs.Update);
        group.MapDelete("/{id}", Delete).WithName("DeleteProductCategory").RequirePermission("product.edit").AsCommand(CommandHeaders.IfMatch)
            .Documented(ProductCategoryApiDocs.Delete);
        group.MapGet("/{id}/history", History).WithName("GetProductCategoryHistory").RequirePermission("product.list")
            .Documented(ProductCategoryApiDocs.History);
        return group;
    }

    /// <summary>Every product category, flat or as a tree.</summary>
    /// <param name="view">flat (default: every category by name, each with its parentId) or tree (top-level categories with nested children).</param>
    private static async Task<Results<Ok<ProductCategoryListResponse>, ProblemHttpResult>> List(string? view, [AsParameters] ProductCategoryServices s)
    {
        if (view is not (null or "flat" or "tree")) return DomainProblems.Invalid("view", "view_invalid", "view is flat or tree.");
        var rows = await s.Products.CategoriesAsync(s.Ct);
        return TypedResults.Ok(new ProductCategoryListResponse(view == "tree" ? ProductCategoryResponse.Tree(rows)
            : rows.Select(r => ProductCategoryResponse.From(r)).ToList()));
    }

    /// <summary>Read a product category.</summary>
    /// <param name="id">The category's id.</param>
    private static async Task<Results<Ok<ProductCategoryResponse>, ProblemHttpResult>> Get(Guid id, [AsParameters] ProductCategoryServices s)
    {
        var row = await s.Products.GetCategoryAsync(id, s.Ct);
        if (row is null) return ProductCategory.NotFound(id).ToProblem();
        s.Http.Response.SetETag(row.Version);
        return TypedResults.Ok(ProductCategoryResponse.From(row));
    }

    /// <summary>Create a product category.</summary>
    private static async Task<Results<Created<ProductCategoryResponse>, ProblemHttpResult>> Create(
        CreateProductCategoryRequest body, [AsParameters] ProductCategoryServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await s.Handler.AddAsync(new AddProductCategory(body.Id, body.Name, body.ParentId), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/product-categories/{outcome.StreamId}", await Written(outcome, s));
    }

    /// <summary>Rename a category and/or move it under another parent (null: the top level).</summary>
    /// <param name="id">The category's id.</param>
    private static async Task<Results<Ok<ProductCategoryResponse>, ProblemHttpResult>> Update(
        Guid id, UpdateProductCategoryRequest body, [AsParameters] ProductCategoryServices s)
    {
        var move = body.ParentId.ValueKind != JsonValueKind.Undefined;
        Guid? parent = null;
        if (body.ParentId.ValueKind == JsonValueKind.String && body.ParentId.TryGetGuid(out var parsed) && parsed != Guid.Empty) parent = parsed;
        else if (move && body.ParentId.ValueKind != JsonValueKind.Null)
            return DomainProblems.Invalid("parentId", "parent_invalid", "parentId is a category's id (UUID), or null for the top level.");
        var outcome = await s.Handler.EditAsync(new ChangeProductCategory(id, body.Name, move, parent), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(await Written(outcome, s));
    }

    /// <summary>Delete a category without sub-categories and products.</summary>
    /// <param name="id">The category's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] ProductCategoryServices s)
    {
        var outcome = await s.Handler.RemoveAsync(new RemoveProductCategory(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        s.Http.Response.SetETag(outcome.Version);
        return TypedResults.NoContent();
    }

    /// <summary>A category's operation log.</summary>
    /// <param name="id">The category's id.</param>
    private static async Task<Results<Ok<ProductCategoryHistoryResponse>, ProblemHttpResult>> History(Guid id, [AsParameters] ProductCategoryServices s)
    {
        var events = await s.Store.ReadStreamAsync(id, ct: s.Ct);
        if (events.Count == 0 || events[0].Data is not Events.Products.ProductCategoryCreated) return ProductCategory.NotFound(id).ToProblem();
        s.Http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new ProductCategoryHistoryResponse(id, ProductHistory.Of(events)));
    }

    private static async Task<ProductCategoryResponse> Written(CommandOutcome outcome, ProductCategoryServices s) =>
        ProductCategoryResponse.From(await s.Http.WrittenAsync(outcome, "Product category",
            (id, version, t) => s.Store.ReadAsOfAsync<ProductCategoryRow>(id, version, null, ProductCategoryRow.Evolve, t), r => r.Version, s.Ct));
}
