using System.Text.Json;

namespace Crm.Host.Tests.Products;

/// <summary>Product and category requests the product tests share.</summary>
public static class ProductApi
{
    public const string Route = "/api/products";
    public const string Categories = "/api/product-categories";

    public static readonly string[] Everything =
        ["product.create", "product.list", "product.detail", "product.edit", "product.delete", "product.import", "product.export", "product.shelve"];

    public static string NewCode() => "P-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    /// <summary>A new product with a fresh code (201), the extra fields laid over the defaults.</summary>
    public static Task<JsonElement> CreateProductAsync(this ApiCaller caller, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = "Product " + Guid.NewGuid().ToString("N")[..6], ["code"] = NewCode(), ["price"] = 99.9m };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        return caller.CreatedAsync(Route, body);
    }

    public static Task<JsonElement> CreateCategoryAsync(this ApiCaller caller, string name, Guid? parentId = null) =>
        caller.CreatedAsync(Categories, new { name, parentId });
}
