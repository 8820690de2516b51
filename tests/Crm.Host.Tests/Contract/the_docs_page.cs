using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.Host.Platform;
using Microsoft.Net.Http.Headers;

namespace Crm.Host.Tests.Contract;

/// <summary>The interactive page at /docs: what an API consumer needs from it, and nothing loaded from the internet.</summary>
public sealed partial class the_docs_page(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task docs_answers_the_page_with_only_its_own_assets()
    {
        // /docs redirects to the page (the HttpClient this test had followed it; a scenario takes one step at a time).
        var redirect = await host.SignedOut.Scenario(s =>
        {
            s.Get.Url("/docs");
            s.StatusCodeShouldBe(301);
        });
        var at = new Uri(new Uri("http://localhost/docs"), redirect.Header("Location")!).PathAndQuery;
        var page = (await host.SignedOut.Scenario(s => s.Get.Url(at))).ReadAsText();

        Assert.Contains("id=\"swagger-ui\"", page);
        Assert.Contains(DocsOperationFilter.ScriptPath, page);
        Assert.DoesNotMatch(new Regex("""(src|href)\s*=\s*["']?(https?:)?//""", RegexOptions.IgnoreCase), page);
        foreach (var asset in new[] { "/docs/swagger-ui-bundle.js", "/docs/swagger-ui-standalone-preset.js", "/docs/swagger-ui.css", "/docs/index.js" })
        {
            await host.SignedOut.Scenario(s => s.Get.Url(asset));
        }
    }

    [Fact]
    public async Task the_page_keeps_the_token_across_reloads_tries_calls_out_and_filters_operations()
    {
        var script = (await host.SignedOut.Scenario(s => s.Get.Url("/docs/index.js"))).ReadAsText();
        var config = JsonDocument.Parse(ConfigObject().Match(script).Groups["json"].Value).RootElement;

        Assert.True(config.GetProperty("persistAuthorization").GetBoolean());
        Assert.True(config.GetProperty("tryItOutEnabled").GetBoolean());
        Assert.Equal(JsonValueKind.String, config.GetProperty("filter").ValueKind);
        Assert.Equal("/openapi/v1.json", config.GetProperty("urls")[0].GetProperty("url").GetString());
        Assert.Equal(DocsOperationFilter.PluginName, config.GetProperty("plugins")[0].GetString());
        Assert.False(config.TryGetProperty("tagsSorter", out _), "tags must keep the document's order (sign-in first)");

        var filter = await host.SignedOut.Scenario(s => s.Get.Url(DocsOperationFilter.ScriptPath));
        Assert.Equal("text/javascript", MediaTypeHeaderValue.Parse(filter.Context.Response.ContentType).MediaType.Value);
        var filterScript = filter.ReadAsText();
        Assert.Contains("window.crmOperationFilter", filterScript);
        Assert.Contains("opsFilter", filterScript);
    }

    [Fact]
    public async Task sign_in_comes_first_and_every_tag_in_use_has_a_description()
    {
        var document = await host.SignedOut.GetJsonAsync("/openapi/v1.json");
        var tags = document.GetProperty("tags").EnumerateArray().ToList();
        var used = document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .SelectMany(o => o.Value.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()!) : []).ToHashSet();

        Assert.Equal("Sign-in", tags[0].GetProperty("name").GetString());
        Assert.Equal(used.Order(), tags.Select(t => t.GetProperty("name").GetString()!).Order());
        var undescribed = tags.Where(t => !t.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString()))
            .Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.True(undescribed.Count == 0, $"tags without a description (add them to OpenApiTags): {string.Join(", ", undescribed)}");
    }

    [Fact]
    public async Task no_description_loses_text_to_html()
    {
        var document = await host.SignedOut.GetJsonAsync("/openapi/v1.json");

        var lost = Texts(document, "#").Where(t => HtmlLike().IsMatch(CodeSpan().Replace(t.Text, ""))).Select(t => $"{t.Where}: {t.Text}").ToList();

        Assert.True(lost.Count == 0, $"descriptions with <…> outside a code span (rendered as HTML, so lost):\n{string.Join("\n", lost)}");
        Assert.Contains("`<version>`", document.GetProperty("info").GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("ETag \"<version>\"", "ETag \"`<version>`\"")]
    [InlineData("?asOf=<ISO 8601> or `<kept>`", "?asOf=`<ISO 8601>` or `<kept>`")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData(null, null)]
    public void placeholders_become_code_spans(string? text, string? expected)
    {
        Assert.Equal(expected, OpenApiLiteralText.Literal(text));
    }

    private static IEnumerable<(string Where, string Text)> Texts(JsonElement node, string where)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in node.EnumerateObject())
            {
                if (p.Name is "description" or "summary" && p.Value.ValueKind == JsonValueKind.String) yield return ($"{where}/{p.Name}", p.Value.GetString()!);
                foreach (var found in Texts(p.Value, $"{where}/{p.Name}")) yield return found;
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                foreach (var found in Texts(item, $"{where}/{i++}")) yield return found;
            }
        }
    }

    [GeneratedRegex(@"JSON\.parse\('(?<json>\{.*?\})'\)", RegexOptions.Singleline)]
    private static partial Regex ConfigObject();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"<[A-Za-z/][^<>\n]*>")]
    private static partial Regex HtmlLike();
}
