using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Products;
using Crm.Write;
using Crm.Write.Products;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Products;

public static partial class ProductEndpoints
{
    /// <summary>Create a product (off shelf).</summary>
    private static async Task<Results<Created<ProductResponse>, ProblemHttpResult>> Create(CreateProductRequest body, [AsParameters] ProductServices s)
    {
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var outcome = await s.Handler.AddAsync(new AddProduct(body.Id, body.Input()), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Created($"/api/products/{outcome.StreamId}", await Written(outcome, s));
    }

    /// <summary>Change a product's fields.</summary>
    /// <param name="id">The product's id.</param>
    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Update(Guid id, UpdateProductRequest body, [AsParameters] ProductServices s)
    {
        Edit<Guid?>? category = null;
        if (body.CategoryId is { } text)
        {
            if (text.Length == 0) category = new Edit<Guid?>(null);
            else if (Guid.TryParse(text, out var parsed) && parsed != Guid.Empty) category = new Edit<Guid?>(parsed);
            else return DomainProblems.Invalid("categoryId", "category_invalid", "categoryId is a category's id (UUID), or an empty string for none.");
        }
        var input = new ProductInput(body.Name, body.Code, category, body.Unit, body.Price, body.Currency, body.Description, body.Custom);
        var outcome = await s.Handler.EditAsync(new EditProduct(id, input), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(await Written(outcome, s));
    }

    /// <summary>Delete a product; its code becomes free, its history stays.</summary>
    /// <param name="id">The product's id.</param>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] ProductServices s)
    {
        var outcome = await s.Handler.DeleteAsync(new DeleteProduct(id), s.Caller, s.Http.Command(), s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        s.Http.Response.SetETag(outcome.Version);
        return TypedResults.NoContent();
    }

    /// <summary>Put a product on shelf.</summary>
    /// <param name="id">The product's id.</param>
    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Shelve(Guid id, [AsParameters] ProductServices s)
    {
        var outcome = await s.Handler.ShelveAsync(new ShelveProduct(id), s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(await Written(outcome, s));
    }

    /// <summary>Take a product off shelf.</summary>
    /// <param name="id">The product's id.</param>
    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Unshelve(Guid id, [AsParameters] ProductServices s)
    {
        var outcome = await s.Handler.UnshelveAsync(new UnshelveProduct(id), s.Caller, s.Http.Command(), s.Ct);
        return outcome.Error is { } error ? error.ToProblem() : TypedResults.Ok(await Written(outcome, s));
    }

    /// <summary>The product as the command left it (read at the version it wrote), with its ETag.</summary>
    internal static async Task<ProductResponse> Written(CommandOutcome outcome, ProductServices s) =>
        ProductResponse.From(await s.Http.WrittenAsync(outcome, "Product",
            (id, version, t) => s.Store.ReadAsOfAsync<ProductRow>(id, version, null, ProductRow.Evolve, t), r => r.Version, s.Ct));
}
