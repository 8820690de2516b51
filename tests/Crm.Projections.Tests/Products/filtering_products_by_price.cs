using Crm.Events;
using Crm.Events.Products;
using Crm.EventStore;
using Crm.Projections.Filtering;
using Crm.Projections.Products;

namespace Crm.Projections.Tests.Products;

/// <summary>The filter tree's decimal and money types: parsed in pure code, compared as numbers in SQL.</summary>
public sealed class filtering_products_by_price(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    [Fact]
    public async Task price_compares_as_an_exact_number_with_every_operator()
    {
        var tag = "PRICE-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var cheap = await ProductAsync(tag + "-A", 9.99m);
        var middle = await ProductAsync(tag + "-B", 10.00m);
        var dear = await ProductAsync(tag + "-C", 250.50m);
        var queries = new ProductQueries(db.Database.DataSource);

        async Task<Guid[]> Matching(string op, string value)
        {
            var (filter, errors) = FilterTree.Parse(
                $$"""{"and":[{"field":"code","op":"contains","value":"{{tag}}"},{"field":"price","op":"{{op}}","value":{{value}}}]}""", ProductFilterFields.All);
            Assert.Empty(errors);
            var page = await queries.ListAsync(new ProductListRequest(10, Sort: new ListSort("name", false), Filter: filter));
            return [.. page.Items.Select(p => p.Id)];
        }

        Assert.Equal([middle], await Matching("eq", "10"));
        Assert.Equal([cheap, dear], await Matching("ne", "10.0"));
        Assert.Equal([dear], await Matching("gt", "10"));
        Assert.Equal([middle, dear], await Matching("gte", "10"));
        Assert.Equal([cheap], await Matching("lt", "10"));
        Assert.Equal([cheap, middle], await Matching("lte", "10.00"));
        Assert.Equal([cheap, middle], await Matching("between", "[9.99, 10]"));
        Assert.Equal([dear], await Matching("between", "[250.5, 250.5]"));
        Assert.Equal([cheap, middle, dear], await Matching("isNull", "false"));
        Assert.Empty(await Matching("isNull", "true"));
    }

    [Theory]
    [InlineData("""{"field":"price","op":"gt","value":"10"}""", "a number")]
    [InlineData("""{"field":"price","op":"gt","value":10.005}""", "at most 2 decimals")]
    [InlineData("""{"field":"price","op":"eq","value":-1}""", "not negative")]
    [InlineData("""{"field":"price","op":"lt","value":1e400}""", "a number")]
    [InlineData("""{"field":"price","op":"between","value":[5]}""", "two values")]
    [InlineData("""{"field":"price","op":"between","value":[5, "x"]}""", "two values")]
    [InlineData("""{"field":"price","op":"between","value":[9, 1]}""", "low ≤ high")]
    [InlineData("""{"field":"price","op":"contains","value":"1"}""", "use one of")]
    [InlineData("""{"field":"price","op":"in","value":[1, 2]}""", "use one of")]
    public void a_price_that_is_not_an_amount_is_refused_naming_the_field(string json, string why)
    {
        var (node, errors) = FilterTree.Parse(json, ProductFilterFields.All);
        Assert.Null(node);
        var error = Assert.Single(errors);
        Assert.Equal("price", error.Field);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_plain_decimal_takes_negatives_and_any_scale_and_compiles_to_numeric_parameters()
    {
        FilterField[] fields = [new("score", "x.score", FilterType.Decimal)];
        var (node, errors) = FilterTree.Parse("""{"or":[{"field":"score","op":"lt","value":-0.125},{"field":"score","op":"between","value":[1.5,2]}]}""", fields);
        Assert.Empty(errors);

        var compiled = FilterSql.Compile(node, "p");

        Assert.Equal("(x.score < @p0 or x.score between @p1 and @p2)", compiled.Sql);
        Assert.Equal([-0.125m, 1.5m, 2m], compiled.Parameters.Select(p => (decimal)p.Value!));
        Assert.All(compiled.Parameters, p => Assert.Equal(NpgsqlTypes.NpgsqlDbType.Numeric, p.NpgsqlDbType));
    }

    private async Task<Guid> ProductAsync(string code, decimal price)
    {
        var id = Guid.CreateVersion7();
        var created = new ProductCreated(id, new ProductFields(code, code, null, null, new Money(price, "CNY")), DateTimeOffset.UtcNow);
        await db.Store.AppendAsync(new StreamAppend(id, "product", ExpectedVersion.Any, [created]));
        return id;
    }
}
