using System.Globalization;
using System.Text.Json;
using Crm.Write.Imports;

namespace Crm.Write.Products;

/// <summary>One product of an import: its new id, its fields, and whether it goes on shelf at once.</summary>
public sealed record NewProduct(Guid ProductId, ProductInput Fields, bool OnShelf);

/// <summary>
/// Import of products from CSV (SAL-1), one row at a time: a pure function from the row's header → text to a new
/// product or every fault of the row. Headers in English or Chinese, any case; price is a plain number ("12.50"),
/// currency an ISO code (default CNY), custom a JSON object, onShelf true/false (empty: off shelf).
/// </summary>
public static class ProductImportRow
{
    private static readonly ImportColumns Columns = new("product", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "name", ["product name"] = "name", ["产品名称"] = "name", ["名称"] = "name",
        ["code"] = "code", ["product code"] = "code", ["产品编码"] = "code", ["编码"] = "code",
        ["categoryId"] = "categoryId", ["category id"] = "categoryId", ["产品分类"] = "categoryId", ["分类"] = "categoryId",
        ["unit"] = "unit", ["单位"] = "unit",
        ["price"] = "price", ["价格"] = "price", ["单价"] = "price",
        ["currency"] = "currency", ["币种"] = "currency",
        ["description"] = "description", ["描述"] = "description", ["产品描述"] = "description",
        ["custom"] = "custom", ["自定义字段"] = "custom",
        ["onShelf"] = "onShelf", ["on shelf"] = "onShelf", ["上架"] = "onShelf",
    }, new HashSet<string>(), (field, text) => field == "price" && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _));

    private static readonly Dictionary<string, bool> Flags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["true"] = true, ["yes"] = true, ["1"] = true, ["是"] = true, ["false"] = false, ["no"] = false, ["0"] = false, ["否"] = false,
    };

    public static ImportRowVerdict<NewProduct> Parse(int rowNumber, IReadOnlyDictionary<string, string?> row, Guid productId)
    {
        var (values, errors) = Columns.Read(row);
        decimal? price = null;
        if (Get("price") is { } priceText)
        {
            if (decimal.TryParse(priceText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) price = parsed;
            else errors.Add(new FieldError("price", "price_invalid", "price is a number such as 12.50 (a dot before the decimals, no currency sign)."));
        }
        Edit<Guid?>? category = null;
        if (Get("categoryId") is { } categoryText)
        {
            if (Guid.TryParse(categoryText, out var id)) category = new Edit<Guid?>(id);
            else errors.Add(new FieldError("categoryId", "category_invalid", "categoryId is the id (UUID) of a product category."));
        }
        JsonElement? custom = null;
        if (Get("custom") is { } customText)
        {
            try
            {
                custom = ProductFieldCustom(customText);
            }
            catch (JsonException)
            {
                errors.Add(new FieldError("custom", "custom_invalid", "custom is a JSON object of custom fields, e.g. {\"warranty\":\"2 years\"}."));
            }
        }
        var onShelf = false;
        if (Get("onShelf") is { } flag && !Flags.TryGetValue(flag, out onShelf))
            errors.Add(new FieldError("onShelf", "on_shelf_invalid", "onShelf is true or false (or empty: off shelf)."));
        var input = new ProductInput(Get("name"), Get("code"), category, Get("unit"), price, Get("currency"), Get("description"), custom);
        var (_, invalid) = input.Validate();
        // A fault already named for a cell (an unreadable price) is not named twice.
        if (invalid is not null) errors.AddRange(invalid.Errors.Where(e => !errors.Any(f => f.Field == e.Field)));
        return errors.Count > 0 ? new ImportRowVerdict<NewProduct>(rowNumber, null, errors)
            : new ImportRowVerdict<NewProduct>(rowNumber, new NewProduct(productId, input, onShelf), []);

        string? Get(string field) => values.GetValueOrDefault(field) is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
    }

    private static JsonElement ProductFieldCustom(string text) => Events.ProductFieldText.ParseCustom(text);
}
