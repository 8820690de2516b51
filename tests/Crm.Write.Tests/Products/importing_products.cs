using Crm.Write.Imports;
using Crm.Write.Products;

namespace Crm.Write.Tests.Products;

public sealed class importing_products
{
    private static readonly Guid Id = Guid.CreateVersion7();

    private static ImportRowVerdict<NewProduct> Parse(params (string Header, string? Text)[] cells) =>
        ProductImportRow.Parse(3, cells.ToDictionary(c => c.Header, c => c.Text), Id);

    [Fact]
    public void a_good_row_becomes_a_new_product_in_english_or_chinese()
    {
        var row = Parse(("产品名称", "CRM Pro"), ("产品编码", "crm-pro"), ("价格", "1280.5"), ("币种", "usd"), ("custom", """{"a":1}"""), ("上架", "是"));
        Assert.True(row.Succeeded);
        var (fields, error) = row.Command!.Fields.Validate();
        Assert.Null(error);
        Assert.Equal(("CRM-PRO", 1280.50m, "USD", true), (fields!.Code, fields.Price.Amount, fields.Price.Currency, row.Command.OnShelf));
    }

    [Fact]
    public void every_fault_of_a_row_is_named()
    {
        var row = Parse(("name", "=HYPERLINK(\"x\")"), ("code", ""), ("price", "12,5 元"), ("categoryId", "soft"), ("custom", "[1"), ("onShelf", "maybe"),
            ("colour", "red"));
        Assert.False(row.Succeeded);
        Assert.Equal(
            [("categoryId", "category_invalid"), ("code", "code_required"), ("colour", "unknown_column"), ("custom", "custom_invalid"),
                ("name", ImportCells.FormulaCode), ("onShelf", "on_shelf_invalid"), ("price", "price_invalid")],
            row.Errors.Select(e => (e.Field, e.Code)).Order().ToArray());
        Assert.Equal("formula_refused", ImportCells.FormulaCode);
    }

    [Fact]
    public void a_negative_price_is_a_number_not_a_formula_and_a_quoted_formula_is_text()
    {
        Assert.Equal([("price", "price_negative")], Parse(("name", "X"), ("code", "X"), ("price", "-5")).Errors.Select(e => (e.Field, e.Code)));
        var quoted = Parse(("name", "'=Total"), ("code", "'-X1"), ("price", "1"));
        Assert.True(quoted.Succeeded);
        Assert.Equal(("=Total", "-X1"), (quoted.Command!.Fields.Name, quoted.Command.Fields.Code));
        Assert.Equal([("name", "text_invalid")], Parse(("name", "a\0b"), ("code", "X"), ("price", "1")).Errors.Select(e => (e.Field, e.Code)));
    }
}
