using System.Text.Json;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Host.Products;
using Crm.Projections.DataSync;
using Crm.Write;
using Crm.Write.DataSync;
using Crm.Write.Products;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.DataSync;

/// <summary>One product of a batch: action create (the fields of POST /api/products) or update (id, optional version, the fields to change).</summary>
/// <param name="Action">create or update.</param>
/// <param name="Id">create: optional client-chosen id; update: the product's id.</param>
/// <param name="Version">update only: the version you read (as If-Match); the item fails with 412 when the product changed since.</param>
/// <param name="CategoryId">A category id; an update cannot clear it (PATCH /api/products/{id} can).</param>
/// <param name="Custom">Custom fields as an object; an update replaces the whole object.</param>
public sealed record ProductBatchItemRequest(
    [property: MustSend, WireValues(BatchWrites.Create, BatchWrites.Update)] string? Action, Guid? Id, long? Version,
    string? Name, string? Code, Guid? CategoryId, string? Unit, decimal? Price, string? Currency, string? Description, JsonElement? Custom) : IBatchItem
{
    public ProductInput Input() => new(Name, Code, CategoryId is null ? null : new Edit<Guid?>(CategoryId), Unit, Price, Currency, Description, Custom);
}

/// <summary>Products to create or update, 1 to 500.</summary>
public sealed record ProductBatchRequest([property: MustSend] IReadOnlyList<ProductBatchItemRequest>? Items);

/// <summary>POST /api/products/batch and PUT /api/products/by-external-id/{system}/{externalId} (issue 16).</summary>
public static class ProductIntegration
{
    public static void MapProductIntegration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/products").WithTags("Products").RequireAuthorization();
        group.MapPost("/batch", Batch).WithName("BatchProducts").RequirePermission("product.create").RequirePermission("product.edit")
            .AsCommand(CommandHeaders.IdempotencyKey).Documented(DataSyncApiDocs.Batch("products", IntegrationExamples.ProductBatch));
        group.MapPut("/by-external-id/{system}/{externalId}", Upsert).WithName("UpsertProductByExternalId").RequirePermission("product.create")
            .RequirePermission("product.edit").AsCommand(CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey)
            .Documented(DataSyncApiDocs.Upsert("product", IntegrationExamples.ProductUpsert));
    }

    /// <summary>Create or update up to 500 products; answers per item.</summary>
    private static Task<Results<Ok<BulkResponse>, ProblemHttpResult>> Batch(ProductBatchRequest body, [AsParameters] ProductServices s) =>
        BatchWrites.RunAsync(body.Items, s.Http,
            (item, r) => s.Handler.AddAsync(new AddProduct(item.Id, item.Input()), s.Caller, r, s.Ct),
            (item, id, r) => s.Handler.EditAsync(new EditProduct(id, item.Input()), s.Caller, r, s.Ct));

    /// <summary>Create the product linked to this external id, or update the one it is linked to.</summary>
    /// <param name="system">The other system's name: letters, digits, dots, hyphens, underscores (compared in lower case).</param>
    /// <param name="externalId">The product's id in that system (case-sensitive).</param>
    private static Task<Results<Created<ProductResponse>, Ok<ProductResponse>, ProblemHttpResult>> Upsert(string system, string externalId,
        CreateProductRequest body, [AsParameters] ProductServices s, [FromServices] ExternalIdUpserts upserts) =>
        ExternalIdUpsert.RunAsync(ExternalIdKinds.Product, system, externalId, "products", s.Http, upserts,
            r => s.Handler.AddAsync(new AddProduct(body.Id, body.Input()), s.Caller, r, s.Ct),
            (id, r) => s.Handler.EditAsync(new EditProduct(id, body.Input()), s.Caller, r, s.Ct),
            outcome => ProductEndpoints.Written(outcome, s));
}
