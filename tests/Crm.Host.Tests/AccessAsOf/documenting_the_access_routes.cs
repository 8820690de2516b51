using System.Text.Json;
using static Crm.Host.Tests.AccessAsOf.AccessAsOfApi;

namespace Crm.Host.Tests.AccessAsOf;

/// <summary>The five access routes in the OpenAPI document: tagged Audit, every answer declared, asOf optional, the rules an enum.</summary>
public sealed class documenting_the_access_routes(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("customer")]
    [InlineData("lead")]
    [InlineData("contact")]
    [InlineData("opportunity")]
    [InlineData("contract")]
    public async Task each_route_is_documented_under_audit_with_its_answers(string kind)
    {
        var document = await host.Admin.GetJsonAsync("/openapi/v1.json");
        var operation = document.GetProperty("paths").GetProperty($"{PathOf(kind)}/{{id}}/access").GetProperty("get");

        Assert.Equal(["Audit"], operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Superset(new HashSet<string> { "200", "400", "401", "403", "404" },
            operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet());
        Assert.Contains("audit.access", operation.GetProperty("description").GetString());
        var parameters = operation.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.True(parameters["id"].GetProperty("required").GetBoolean());
        Assert.False(parameters["asOf"].TryGetProperty("required", out var required) && required.GetBoolean());
        Assert.Equal(JsonValueKind.Object, operation.GetProperty("responses").GetProperty("200").GetProperty("content")
            .GetProperty("application/json").GetProperty("example").ValueKind);
    }

    [Fact]
    public async Task a_grants_rule_and_via_are_enums()
    {
        var schemas = (await host.Admin.GetJsonAsync("/openapi/v1.json")).GetProperty("components").GetProperty("schemas");
        var grant = schemas.GetProperty("GrantResponse").GetProperty("properties");
        Assert.Contains("department_and_children", grant.GetProperty("rule").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("customer_team", grant.GetProperty("via").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }
}
