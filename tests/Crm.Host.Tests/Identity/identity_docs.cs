using System.Text.Json;

namespace Crm.Host.Tests.Identity;

public sealed class identity_docs(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("/api/users", "post", new[] { "201", "400", "401", "403", "409", "422" })]
    [InlineData("/api/users", "get", new[] { "200", "400", "401" })]
    [InlineData("/api/users/{id}", "get", new[] { "200", "400", "401", "404" })]
    [InlineData("/api/users/{id}", "patch", new[] { "200", "400", "401", "403", "404", "409", "412", "422" })]
    [InlineData("/api/users/{id}/disable", "post", new[] { "200", "401", "403", "404", "409" })]
    [InlineData("/api/users/{id}/enable", "post", new[] { "200", "401", "403", "404" })]
    [InlineData("/api/users/{id}/roles", "post", new[] { "200", "400", "401", "403", "404", "422" })]
    [InlineData("/api/users/{id}/super-admin", "post", new[] { "200", "400", "401", "403", "404", "409" })]
    [InlineData("/api/users/{id}/reset-password", "post", new[] { "200", "400", "401", "403", "404" })]
    [InlineData("/api/users/{id}/hand-over", "post", new[] { "200", "400", "401", "403", "404", "409", "422" })]
    [InlineData("/api/users/{id}/history", "get", new[] { "200", "400", "401", "404" })]
    [InlineData("/api/auth/login", "post", new[] { "200", "400", "401", "429" })]
    [InlineData("/api/auth/refresh", "post", new[] { "200", "400", "401" })]
    [InlineData("/api/auth/password", "post", new[] { "200", "400", "401" })]
    [InlineData("/api/auth/me", "get", new[] { "200", "401", "404" })]
    [InlineData("/api/settings", "get", new[] { "200", "401" })]
    [InlineData("/api/settings", "patch", new[] { "200", "400", "401", "403", "412" })]
    [InlineData("/api/settings/history", "get", new[] { "200", "401", "403" })]
    public async Task every_identity_operation_is_documented_with_its_status_codes_and_an_example(string path, string method, string[] statuses)
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        var responses = operation.GetProperty("responses");
        Assert.Superset(statuses.ToHashSet(), responses.EnumerateObject().Select(r => r.Name).ToHashSet());
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("description").GetString()));
        var success = responses.EnumerateObject().First(r => r.Name.StartsWith('2')).Value;
        Assert.True(success.GetProperty("content").EnumerateObject().First().Value.TryGetProperty("example", out _), $"{method} {path} has no response example");
    }

    [Fact]
    public async Task the_bearer_scheme_is_declared_and_required_except_for_sign_in()
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/users").GetProperty("get").TryGetProperty("security", out _));
        Assert.True(paths.GetProperty("/api/departments").GetProperty("get").TryGetProperty("security", out _));
        // Issue 9: sign-in says so explicitly (security: []) rather than leaving security out.
        Assert.Equal(0, paths.GetProperty("/api/auth/login").GetProperty("post").GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task the_user_patch_body_is_documented_as_its_fields()
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var body = document.GetProperty("paths").GetProperty("/api/users/{id}").GetProperty("patch").GetProperty("requestBody");
        var media = body.GetProperty("content").GetProperty("application/json");
        var schema = media.GetProperty("schema").ToString();
        Assert.True(schema.Contains("superiorId", StringComparison.Ordinal) || schema.Contains("UpdateUserRequest", StringComparison.Ordinal), schema);
        Assert.Equal(JsonValueKind.Object, media.GetProperty("example").ValueKind);
    }
}
