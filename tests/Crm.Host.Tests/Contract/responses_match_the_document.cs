using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Leads;
using Crm.Testing;

namespace Crm.Host.Tests.Contract;

/// <summary>
/// Real requests, successful and refused, checked against the document: each status documented, each body valid
/// against the declared schema, each contract header declared (see <see cref="ResponseContract"/>).
/// </summary>
public sealed class responses_match_the_document(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly string Missing = Guid.CreateVersion7().ToString();

    [Fact]
    public async Task sign_in_and_the_org_answer_what_the_document_declares()
    {
        var contract = await ContractAsync();

        await Check(contract, 200, host.Anonymous, HttpMethod.Post, "/api/auth/login",
            new { mobile = HostFixture.AdminMobile, password = HostFixture.AdminPassword });
        await Check(contract, 401, host.Anonymous, HttpMethod.Post, "/api/auth/login", new { mobile = HostFixture.AdminMobile, password = "not the password" });
        await Check(contract, 401, host.Anonymous, HttpMethod.Get, "/api/auth/me");
        await Check(contract, 200, host.Client, HttpMethod.Get, "/api/auth/me");
        await Check(contract, 200, host.Client, HttpMethod.Get, "/api/permissions/mine");
        await Check(contract, 200, host.Client, HttpMethod.Get, "/api/departments");
        await Check(contract, 200, host.Client, HttpMethod.Get, "/api/departments/0190f1c0-0000-7000-8000-000000000001");
        await Check(contract, 404, host.Client, HttpMethod.Get, $"/api/departments/{Missing}");
        await Check(contract, 200, host.Client, HttpMethod.Get, "/api/roles");
        await Check(contract, 200, host.Client, HttpMethod.Get, "/api/settings");
        await Check(contract, 200, host.Client, HttpMethod.Get, "/api/notifications");

        AssertNoFault(contract);
    }

    [Fact]
    public async Task customer_calls_and_their_problems_answer_what_the_document_declares()
    {
        var contract = await ContractAsync();
        var me = (await (await host.Client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetGuid();
        var phone = "+86 21 " + TestRandom.Next(1_000_000, 9_999_999);
        var (_, outsider) = await host.ColleagueAsync("self", "lead.list");
        var key = ("Idempotency-Key", "contract-" + Guid.NewGuid());

        var created = await (await Check(contract, 201, host.Client, HttpMethod.Post, "/api/customers",
            new { name = LeadApi.Unique("Contract"), phone }, key)).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        await Check(contract, 422, host.Client, HttpMethod.Post, "/api/customers", new { name = LeadApi.Unique("Contract"), phone }, key);
        await Check(contract, 409, host.Client, HttpMethod.Post, "/api/customers", new { name = LeadApi.Unique("Twin"), phone });
        await Check(contract, 400, host.Client, HttpMethod.Post, "/api/customers", new { name = "", email = "nope" });
        await Check(contract, 403, outsider, HttpMethod.Post, "/api/customers", new { name = LeadApi.Unique("Forbidden") });
        await Check(contract, 401, host.Anonymous, HttpMethod.Get, "/api/customers");
        await Check(contract, 200, host.Client, HttpMethod.Get, "/api/customers?limit=5&includeTotal=true");
        await Check(contract, 400, host.Client, HttpMethod.Get, "/api/customers?limit=0");
        await Check(contract, 200, host.Client, HttpMethod.Post, "/api/customers/search",
            new { filter = new { field = "name", op = "contains", value = "Contract" }, limit = 5 });
        await Check(contract, 200, host.Client, HttpMethod.Get, $"/api/customers/{id}");
        await Check(contract, 404, host.Client, HttpMethod.Get, $"/api/customers/{Missing}");
        await Check(contract, 200, host.Client, HttpMethod.Patch, $"/api/customers/{id}", new { remark = "Met at the fair" }, ("If-Match", "\"1\""));
        await Check(contract, 412, host.Client, HttpMethod.Patch, $"/api/customers/{id}", new { remark = "Stale" }, ("If-Match", "\"1\""));
        await Check(contract, 200, host.Client, HttpMethod.Get, $"/api/customers/{id}/history");
        await Check(contract, 400, host.Client, HttpMethod.Post, $"/api/customers/{id}/follow-ups", new { content = "" });
        await Check(contract, 200, host.Client, HttpMethod.Post, "/api/customers/transfer", new { ids = new[] { id, Guid.Parse(Missing) }, toUserId = me });
        await Check(contract, 422, host.Client, HttpMethod.Post, $"/api/customers/{id}/transfer", new { toUserId = Guid.Parse(Missing) });
        await Check(contract, 200, host.Client, HttpMethod.Get, "/api/pool");

        AssertNoFault(contract);
    }

    [Fact]
    public async Task lead_and_scene_calls_answer_what_the_document_declares()
    {
        var contract = await ContractAsync();
        var me = (await (await host.Client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetGuid();

        var lead = await (await Check(contract, 201, host.Client, HttpMethod.Post, "/api/leads",
            new { name = LeadApi.Unique("Lead"), company = "Acme" })).JsonAsync();
        var leadId = lead.GetProperty("id").GetGuid();
        await Check(contract, 200, host.Client, HttpMethod.Get, "/api/leads?limit=5");
        await Check(contract, 200, host.Client, HttpMethod.Get, $"/api/leads/{leadId}");
        await Check(contract, 200, host.Client, HttpMethod.Patch, $"/api/leads/{leadId}", new { company = "Acme Trading" }, ("If-Match", "\"1\""));
        await Check(contract, 200, host.Client, HttpMethod.Post, "/api/leads/transfer", new { ids = new[] { leadId, Guid.Parse(Missing) }, ownerId = me });
        await Check(contract, 400, host.Client, HttpMethod.Post, "/api/leads/search", new { filter = new { field = "nope", op = "eq", value = 1 } });

        var name = LeadApi.Unique("Scene");
        var scene = await (await Check(contract, 201, host.Client, HttpMethod.Post, "/api/scenes",
            new { kind = "customers", name, sort = "-updatedAt" })).JsonAsync();
        var sceneId = scene.GetProperty("id").GetGuid();
        await Check(contract, 409, host.Client, HttpMethod.Post, "/api/scenes", new { kind = "customers", name });
        await Check(contract, 200, host.Client, HttpMethod.Get, "/api/scenes?kind=customers");
        await Check(contract, 200, host.Client, HttpMethod.Get, $"/api/scenes/{sceneId}");
        await Check(contract, 200, host.Client, HttpMethod.Post, $"/api/scenes/{sceneId}/results", new { limit = 5, includeTotal = true });
        await Check(contract, 204, host.Client, HttpMethod.Delete, $"/api/scenes/{sceneId}");

        AssertNoFault(contract);
    }

    [Theory]
    [InlineData("""{"type":"object","required":["id"]}""", """{}""")]
    [InlineData("""{"type":"object","properties":{"id":{"type":"string","format":"uuid"}}}""", """{"id":"not a uuid"}""")]
    [InlineData("""{"type":"object","properties":{"n":{"type":"integer","minimum":1}}}""", """{"n":0}""")]
    [InlineData("""{"type":"object","properties":{"k":{"type":"string","enum":["a","b"]}}}""", """{"k":"c"}""")]
    [InlineData("""{"type":"object","properties":{"s":{"type":"string","minLength":2}}}""", """{"s":"x"}""")]
    [InlineData("""{"type":"array","items":{"type":"string"}}""", """[1]""")]
    [InlineData("""{"$ref":"#/components/schemas/Problem"}""", """{"status":"four hundred"}""")]
    public async Task the_validator_refuses_a_value_its_schema_forbids(string schema, string value)
    {
        // A validator that ignored its keywords (or a reference it cannot resolve) would let every response above pass.
        var document = await ContractDocument.ReadAsync(host.Client);
        Assert.NotEmpty(document.Validate(System.Text.Json.Nodes.JsonNode.Parse(schema)!, value));
    }

    [Fact]
    public async Task an_unexpected_status_and_a_server_failure_are_faults_even_when_documented()
    {
        var contract = await ContractAsync();
        HttpResponseMessage Answer(int status) => new((System.Net.HttpStatusCode)status)
        {
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "/api/customers"),
            Content = new StringContent("""{"title":"x","status":500}""", System.Text.Encoding.UTF8, "application/problem+json"),
        };
        await contract.CheckAsync(Answer(500), 500);
        Assert.Contains(contract.Faults, f => f.Contains("the server failed", StringComparison.Ordinal));
        await contract.CheckAsync(Answer(401), 200);
        Assert.Contains(contract.Faults, f => f.Contains("expected 200", StringComparison.Ordinal));
    }

    private async Task<ResponseContract> ContractAsync() => new(await ContractDocument.ReadAsync(host.Client));

    private static async Task<HttpResponseMessage> Check(ResponseContract contract, int expectedStatus, HttpClient client, HttpMethod method, string path,
        object? body = null, params (string, string)[] headers)
    {
        var json = body is null ? null : JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
        return await contract.CheckAsync(await client.SendJsonAsync(method, path, json, headers), expectedStatus, json);
    }

    private static void AssertNoFault(ResponseContract contract) =>
        Assert.True(contract.Faults.Count == 0, $"{contract.Faults.Count} faults in {contract.Checked} exchanges:\n{string.Join("\n", contract.Faults)}");
}
