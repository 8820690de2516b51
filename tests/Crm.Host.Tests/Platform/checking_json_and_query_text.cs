using System.Text;
using Crm.Host.Platform;

namespace Crm.Host.Tests.Platform;

/// <summary>The input checks as pure functions: what they find, and the path they name.</summary>
public sealed class checking_json_and_query_text
{
    private static InputFault? Json(string json) => JsonBodyCheck.Find(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"name":"a\u0000b"}""", "name", "text_invalid")]
    [InlineData("""{"a":{"b":[1,{"c":"\ud800"}]}}""", "a.b[1].c", "text_invalid")]
    [InlineData("""{"a":"\udc00x"}""", "a", "text_invalid")]
    [InlineData("""{"ids":[null]}""", "ids[0]", "item_null")]
    [InlineData("""{"x":1,"rules":[{"n":1},null]}""", "rules[1]", "item_null")]
    [InlineData("""{"name":"a","Name":"b"}""", "Name", "field_repeated")]
    [InlineData("""{"o":{"k":1,"k":2}}""", "o.k", "field_repeated")]
    [InlineData("""["a\u0000"]""", "[0]", "text_invalid")]
    [InlineData("""{"a\u0000":1}""", "body", "text_invalid")]
    public void a_fault_is_named_by_its_path(string json, string field, string code) =>
        Assert.Equal(new InputFault(field, code, Json(json)!.Message), Json(json));

    [Theory]
    [InlineData("""{"name":"李 \ud83d\ude00","ids":["a"],"x":null,"o":{"k":1},"p":{"k":2}}""")]
    [InlineData("")]
    [InlineData("\uFEFF{\"name\":\"a\"}")]
    public void clean_or_empty_json_passes_to_the_binder(string json) => Assert.Null(Json(json));

    [Theory]
    [InlineData("""{"name":""")]
    [InlineData("\uFEFF\uFEFF{}")]
    [InlineData("   ")]
    public void malformed_json_is_refused_naming_the_body(string json) => Assert.Equal(("body", "json_invalid"), (Json(json)?.Field, Json(json)?.Code));

    [Fact]
    public void a_bom_does_not_hide_a_fault() =>
        Assert.Equal(("name", "text_invalid"), (Json("\uFEFF{\"name\":\"a\\u0000\"}")?.Field, Json("\uFEFF{\"name\":\"a\\u0000\"}")?.Code));

    [Fact]
    public void invalid_utf8_and_deep_nesting_are_found()
    {
        Assert.Equal("name", JsonBodyCheck.Find([.. """{"name":"a"""u8, 0xFF, .. "\"}"u8])?.Field);
        var deep = string.Concat(Enumerable.Repeat("[", JsonBodyCheck.MaxDepth + 1)) + string.Concat(Enumerable.Repeat("]", JsonBodyCheck.MaxDepth + 1));
        Assert.Equal(("body", "body_too_deep"), (Json(deep)?.Field, Json(deep)?.Code));
        var fine = string.Concat(Enumerable.Repeat("[", JsonBodyCheck.MaxDepth)) + string.Concat(Enumerable.Repeat("]", JsonBodyCheck.MaxDepth));
        Assert.Null(Json(fine));
    }

    [Theory]
    [InlineData("?q=a%00b", "q")]
    [InlineData("?limit=5&q=%FF", "q")]
    [InlineData("?q=%ED%A0%80", "q")]
    [InlineData("?sort=name&filter.name=%C0%AF", "filter.name")]
    [InlineData("?a%00=1", "a")]
    public void a_query_fault_names_the_parameter(string query, string field) => Assert.Equal(field, QueryCheck.Find(query)?.Field);

    [Theory]
    [InlineData(null)]
    [InlineData("?q=%E4%B8%8A%E6%B5%B7+x&sort=-name&empty=&flag")]
    [InlineData("?q=100%")]
    public void a_clean_query_passes(string? query) => Assert.Null(QueryCheck.Find(query));

    [Fact]
    public void clean_text_has_no_nul_and_no_lone_surrogate()
    {
        // Built in code: an attribute's string would have its lone surrogates replaced when compiled.
        Assert.True(CleanText.IsClean("ok 😀"));
        Assert.False(CleanText.IsClean("a\0"));
        Assert.False(CleanText.IsClean(new string([(char)0xD800])));
        Assert.False(CleanText.IsClean(new string(['x', (char)0xDC00])));
        Assert.False(CleanText.IsClean(new string([(char)0xD83D, 'x'])));
    }
}
