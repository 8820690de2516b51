using Crm.Projections.Customers;
using Crm.Projections.Filtering;

namespace Crm.Projections.Tests.Customers;

/// <summary>The filter tree is parsed, validated and compiled in pure code: no database here.</summary>
public sealed class customer_filters
{
    private static IReadOnlyList<FilterError> Errors(string json) => FilterTree.Parse(json, CustomerFilterFields.All).Errors;

    [Fact]
    public void a_tree_compiles_to_parameterized_sql_with_no_values_in_the_text()
    {
        var (node, errors) = FilterTree.Parse(
            """{"and":[{"field":"level","op":"eq","value":"A'; drop table crm.customers; --"},{"or":[{"field":"tags","op":"contains","value":"vip"},{"field":"ownerId","op":"in","value":["0191f2c4-0000-7000-8000-000000000001"]}]},{"field":"lastFollowUpAt","op":"isNull","value":false}]}""",
            CustomerFilterFields.All);
        Assert.Empty(errors);
        var compiled = FilterSql.Compile(node);
        Assert.Equal("(c.level = @f0 and (c.tags @> @f1 or c.owner_id = any(@f2)) and c.last_follow_up_at is not null)", compiled.Sql);
        Assert.DoesNotContain("drop", compiled.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("A'; drop table crm.customers; --", compiled.Parameters[0].Value);
        Assert.Equal(new[] { "vip" }, compiled.Parameters[1].Value);
        Assert.Equal(new[] { Guid.Parse("0191f2c4-0000-7000-8000-000000000001") }, compiled.Parameters[2].Value);
    }

    [Fact]
    public void contains_escapes_like_wildcards()
    {
        var compiled = FilterSql.Compile(FilterTree.Parse("""{"field":"name","op":"contains","value":"50%_off\\"}""", CustomerFilterFields.All).Node);
        Assert.Equal("c.name ilike @f0", compiled.Sql);
        Assert.Equal("%50\\%\\_off\\\\%", compiled.Parameters[0].Value);
    }

    [Fact]
    public void no_filter_compiles_to_true()
    {
        Assert.Equal("true", FilterSql.Compile(null).Sql);
        Assert.Equal("true", FilterSql.Compile(FilterTree.Parse("""{"and":[]}""", CustomerFilterFields.All).Node).Sql);
    }

    [Fact]
    public void an_unknown_field_is_refused_naming_it()
    {
        var error = Assert.Single(Errors("""{"and":[{"field":"level","op":"eq","value":"A"},{"field":"password","op":"eq","value":"x"}]}"""));
        Assert.Equal("password", error.Field);
    }

    [Fact]
    public void custom_fields_are_refused_until_they_exist()
    {
        Assert.Equal("custom.budget", Assert.Single(Errors("""{"field":"custom.budget","op":"gte","value":5000}""")).Field);
    }

    [Theory]
    [InlineData("""{"field":"level","op":"gte","value":"A"}""", "level")]
    [InlineData("""{"field":"level","op":"like","value":"A"}""", "level")]
    [InlineData("""{"field":"locked","op":"contains","value":"t"}""", "locked")]
    [InlineData("""{"field":"createdAt","op":"eq","value":"2026-01-01"}""", "createdAt")]
    public void an_operator_that_does_not_fit_the_field_is_refused_naming_it(string json, string field)
    {
        Assert.Equal(field, Assert.Single(Errors(json)).Field);
    }

    [Theory]
    [InlineData("""{"field":"ownerId","op":"eq","value":"not-a-uuid"}""", "ownerId")]
    [InlineData("""{"field":"locked","op":"eq","value":"yes"}""", "locked")]
    [InlineData("""{"field":"createdAt","op":"gte","value":"yesterday"}""", "createdAt")]
    [InlineData("""{"field":"level","op":"in","value":[]}""", "level")]
    [InlineData("""{"field":"level","op":"eq"}""", "level")]
    [InlineData("""{"field":"level","op":"in","value":["A",1]}""", "level")]
    public void a_value_of_the_wrong_type_is_refused_naming_the_field(string json, string field)
    {
        Assert.Equal(field, Assert.Single(Errors(json)).Field);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"and":{"field":"level"}}""")]
    [InlineData("""{"and":[],"or":[]}""")]
    [InlineData("""{"and":[{"and":[{"and":[{"and":[{"field":"level","op":"isNull"}]}]}]}]}""")]
    [InlineData("not json")]
    public void a_malformed_tree_is_refused(string json)
    {
        Assert.Equal("filter", Assert.Single(Errors(json)).Field);
    }

    [Fact]
    public void every_fault_in_a_tree_is_reported()
    {
        var errors = Errors("""{"or":[{"field":"nope","op":"eq","value":"x"},{"field":"level","op":"gte","value":"A"}]}""");
        Assert.Equal(["nope", "level"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("-updatedAt", "updatedAt", true)]
    [InlineData("name", "name", false)]
    [InlineData(null, "updatedAt", true)]
    public void sorts_parse_and_unknown_ones_are_refused(string? text, string field, bool descending)
    {
        Assert.Equal(new ListSort(field, descending), ListSort.Parse(text));
        Assert.Null(ListSort.Parse("-password"));
    }

    [Theory]
    [InlineData("--name")]
    [InlineData("+updatedAt")]
    [InlineData("-+name")]
    [InlineData("name-")]
    [InlineData("-")]
    public void a_sort_is_exactly_a_field_or_a_minus_and_a_field(string text) => Assert.Null(ListSort.Parse(text));
}
