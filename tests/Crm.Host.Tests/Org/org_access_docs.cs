namespace Crm.Host.Tests.Org;

public sealed class org_access_docs(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("/api/departments/{id}", "delete", new[] { "204", "400", "401", "403", "404", "409", "412" })]
    [InlineData("/api/roles", "post", new[] { "201", "400", "401", "403", "409", "422" })]
    [InlineData("/api/roles", "get", new[] { "200", "400", "401", "403" })]
    [InlineData("/api/roles/{id}", "get", new[] { "200", "400", "401", "403", "404" })]
    [InlineData("/api/roles/{id}", "patch", new[] { "200", "400", "401", "403", "404", "409", "412" })]
    [InlineData("/api/roles/{id}", "delete", new[] { "200", "400", "401", "403", "404", "409", "412" })]
    [InlineData("/api/roles/{id}/history", "get", new[] { "200", "401", "403", "404" })]
    [InlineData("/api/permissions", "get", new[] { "200", "401" })]
    [InlineData("/api/permissions/mine", "get", new[] { "200", "401" })]
    [InlineData("/api/positions", "post", new[] { "201", "400", "401", "403", "409", "422" })]
    [InlineData("/api/positions", "get", new[] { "200", "400", "401", "403" })]
    [InlineData("/api/positions/{id}", "get", new[] { "200", "400", "401", "403", "404" })]
    [InlineData("/api/positions/{id}", "patch", new[] { "200", "400", "401", "403", "404", "412", "422" })]
    [InlineData("/api/positions/{id}", "delete", new[] { "204", "400", "401", "403", "404", "409", "412" })]
    [InlineData("/api/positions/{id}/superior", "post", new[] { "200", "400", "401", "403", "404", "409", "412", "422" })]
    [InlineData("/api/positions/{id}/insert-superior", "post", new[] { "201", "400", "401", "403", "404", "409", "412", "422" })]
    [InlineData("/api/positions/{id}/history", "get", new[] { "200", "401", "403", "404" })]
    public async Task the_openapi_document_lists_each_org_operation_with_its_summary_and_status_codes(string path, string method, string[] statuses)
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        var documented = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        Assert.Superset(statuses.ToHashSet(), documented);
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task the_caller_access_parameter_is_not_documented_as_a_request_parameter()
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var operation = document.GetProperty("paths").GetProperty("/api/permissions/mine").GetProperty("get");
        Assert.False(operation.TryGetProperty("parameters", out var parameters) && parameters.GetArrayLength() > 0);
        Assert.False(operation.TryGetProperty("requestBody", out _));
    }

    [Fact]
    public async Task each_guarded_operation_names_its_permission_in_the_description()
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var create = document.GetProperty("paths").GetProperty("/api/roles").GetProperty("post");
        Assert.EndsWith("Requires the permission `role.create`.", create.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
