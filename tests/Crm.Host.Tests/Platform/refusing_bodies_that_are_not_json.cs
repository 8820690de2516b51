using System.Text.Json;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// A JSON endpoint sent another media type answers 415 media_type_unsupported naming Content-Type, with the 415 type and
/// title (docs/api.md), and writes nothing; the document declares the answer on every operation that takes a JSON body.
/// </summary>
public sealed class refusing_bodies_that_are_not_json(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Unsupported415 = "https://tools.ietf.org/html/rfc9110#section-15.5.16";

    [Theory]
    [InlineData("POST", "/api/customers", "text/plain")]
    [InlineData("POST", "/api/customers/search", "application/xml")]
    [InlineData("POST", "/api/departments", "application/x-www-form-urlencoded")]
    [InlineData("PUT", "/api/pool/rules", "text/plain")]
    [InlineData("PATCH", "/api/settings", "text/csv")]
    [InlineData("POST", "/api/users", "text/plain; charset=utf-8")]
    [InlineData("POST", "/api/roles", "")] // no Content-Type at all: the binder's refusal, not routing's
    public async Task a_body_of_another_media_type_is_a_415_naming_content_type(string method, string path, string contentType)
    {
        var before = await host.EventCountAsync();

        var refused = await host.Admin.Scenario(s =>
        {
            s.SendExactly(method, path, """{"name":"Not JSON by its type"}"""u8.ToArray());
            s.ConfigureHttpContext(c => c.Request.ContentType = contentType.Length == 0 ? null : contentType);
            s.ProblemShouldBe(415, "Content-Type", "media_type_unsupported");
        });

        AssertUnsupportedMediaType(refused.Json());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task sign_in_sent_as_a_form_is_a_415_too()
    {
        var refused = await host.SignedOut.Scenario(s =>
        {
            s.SendExactly("POST", "/api/auth/login", "mobile=13800000000&password=x"u8.ToArray());
            s.ConfigureHttpContext(c => c.Request.ContentType = "application/x-www-form-urlencoded");
            s.ProblemShouldBe(415, "Content-Type", "media_type_unsupported");
        });

        AssertUnsupportedMediaType(refused.Json());
    }

    [Fact]
    public async Task every_operation_taking_a_json_body_documents_the_415()
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var bodied = (
            from path in document.GetProperty("paths").EnumerateObject()
            from operation in path.Value.EnumerateObject()
            where operation.Value.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out _)
            select (Where: $"{operation.Name} {path.Name}", Responses: operation.Value.GetProperty("responses"))).ToList();

        Assert.Contains(bodied, o => o.Where == "post /api/customers");
        Assert.All(bodied, o =>
        {
            Assert.True(o.Responses.TryGetProperty("415", out var answer), o.Where);
            Assert.True(answer.GetProperty("content").TryGetProperty("application/problem+json", out _), o.Where);
            Assert.Contains("media_type_unsupported", answer.GetProperty("description").GetString());
        });
    }

    private static void AssertUnsupportedMediaType(JsonElement problem)
    {
        Assert.Equal(Unsupported415, problem.GetProperty("type").GetString());
        Assert.Equal("The request's media type is not supported.", problem.GetProperty("title").GetString());
    }
}
