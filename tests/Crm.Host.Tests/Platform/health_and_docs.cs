using System.Text.Json;

namespace Crm.Host.Tests.Platform;

public sealed class health_and_docs(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task live_answers_healthy()
    {
        var live = await host.Admin.Scenario(s => s.Get.Url("/health/live"));
        Assert.Equal("Healthy", live.Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task ready_reports_the_database()
    {
        var body = await host.Admin.GetJsonAsync("/health/ready");
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Contains(body.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "database");
    }

    [Theory]
    [InlineData("/api/departments", "post", new[] { "201", "400", "409", "422" })]
    [InlineData("/api/departments", "get", new[] { "200", "400" })]
    [InlineData("/api/departments/{id}", "get", new[] { "200", "400", "404" })]
    [InlineData("/api/departments/{id}", "patch", new[] { "200", "400", "404", "409", "412" })]
    [InlineData("/api/departments/{id}/move", "post", new[] { "200", "400", "404", "409", "412", "422" })]
    [InlineData("/api/departments/{id}/history", "get", new[] { "200", "400", "404" })]
    public async Task the_openapi_document_lists_each_department_operation_with_its_status_codes(string path, string method, string[] statuses)
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        var documented = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        Assert.Superset(statuses.ToHashSet(), documented);
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task the_openapi_document_describes_request_and_response_schemas()
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("CreateDepartmentRequest", out _));
        Assert.True(schemas.TryGetProperty("DepartmentResponse", out _));
        var create = document.GetProperty("paths").GetProperty("/api/departments").GetProperty("post");
        Assert.Equal(JsonValueKind.Object, create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").ValueKind);
    }

    [Fact]
    public async Task the_docs_page_is_served()
    {
        var page = await host.Admin.Scenario(s => s.Get.Url("/docs/index.html"));
        Assert.Contains("swagger", page.ReadAsText(), StringComparison.OrdinalIgnoreCase);
    }
}
