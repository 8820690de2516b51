using System.Text;
using System.Text.Json;
using Alba;
using Crm.Host.Tests.Identity;
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

        await Check(contract, 200, host.SignedOut, HttpMethod.Post, "/api/auth/login",
            new { mobile = HostFixture.AdminMobile, password = HostFixture.AdminPassword });
        await Check(contract, 401, host.SignedOut, HttpMethod.Post, "/api/auth/login", new { mobile = HostFixture.AdminMobile, password = "not the password" });
        await Check(contract, 401, host.SignedOut, HttpMethod.Get, "/api/auth/me");
        await Check(contract, 200, host.Admin, HttpMethod.Get, "/api/auth/me");
        await Check(contract, 200, host.Admin, HttpMethod.Get, "/api/permissions/mine");
        await Check(contract, 200, host.Admin, HttpMethod.Get, "/api/departments");
        await Check(contract, 200, host.Admin, HttpMethod.Get, "/api/departments/0190f1c0-0000-7000-8000-000000000001");
        await Check(contract, 404, host.Admin, HttpMethod.Get, $"/api/departments/{Missing}");
        await Check(contract, 200, host.Admin, HttpMethod.Get, "/api/roles");
        await Check(contract, 200, host.Admin, HttpMethod.Get, "/api/settings");
        await Check(contract, 200, host.Admin, HttpMethod.Get, "/api/notifications");

        AssertNoFault(contract);
    }

    [Fact]
    public async Task customer_calls_and_their_problems_answer_what_the_document_declares()
    {
        var contract = await ContractAsync();
        var me = (await host.Admin.GetJsonAsync("/api/auth/me")).GetProperty("id").GetGuid();
        var phone = "+86 21 " + TestRandom.Next(1_000_000, 9_999_999);
        var (_, outsider) = await host.SignedInUserAsync("self", "lead.list");
        var key = ("Idempotency-Key", "contract-" + Guid.NewGuid());

        var created = (await Check(contract, 201, host.Admin, HttpMethod.Post, "/api/customers",
            new { name = LeadApi.Unique("Contract"), phone }, key)).Json();
        var id = created.GetProperty("id").GetGuid();
        await Check(contract, 422, host.Admin, HttpMethod.Post, "/api/customers", new { name = LeadApi.Unique("Contract"), phone }, key);
        await Check(contract, 409, host.Admin, HttpMethod.Post, "/api/customers", new { name = LeadApi.Unique("Twin"), phone });
        await Check(contract, 400, host.Admin, HttpMethod.Post, "/api/customers", new { name = "", email = "nope" });
        contract.Check(await host.Admin.Scenario(s =>
        {
            s.SendExactly("POST", "/api/customers", "name=Not JSON"u8.ToArray());
            s.ConfigureHttpContext(c => c.Request.ContentType = "text/plain");
            s.IgnoreStatusCode();
        }), 415, null);
        await Check(contract, 403, outsider, HttpMethod.Post, "/api/customers", new { name = LeadApi.Unique("Forbidden") });
        await Check(contract, 401, host.SignedOut, HttpMethod.Get, "/api/customers");
        await Check(contract, 200, host.Admin, HttpMethod.Get, "/api/customers?limit=5&includeTotal=true");
        await Check(contract, 400, host.Admin, HttpMethod.Get, "/api/customers?limit=0");
        await Check(contract, 200, host.Admin, HttpMethod.Post, "/api/customers/search",
            new { filter = new { field = "name", op = "contains", value = "Contract" }, limit = 5 });
        await Check(contract, 200, host.Admin, HttpMethod.Get, $"/api/customers/{id}");
        await Check(contract, 404, host.Admin, HttpMethod.Get, $"/api/customers/{Missing}");
        await Check(contract, 200, host.Admin, HttpMethod.Patch, $"/api/customers/{id}", new { remark = "Met at the fair" }, ("If-Match", "\"1\""));
        await Check(contract, 412, host.Admin, HttpMethod.Patch, $"/api/customers/{id}", new { remark = "Stale" }, ("If-Match", "\"1\""));
        await Check(contract, 200, host.Admin, HttpMethod.Get, $"/api/customers/{id}/history");
        await Check(contract, 400, host.Admin, HttpMethod.Post, $"/api/customers/{id}/follow-ups", new { content = "" });
        await Check(contract, 200, host.Admin, HttpMethod.Post, "/api/customers/transfer", new { ids = new[] { id, Guid.Parse(Missing) }, toUserId = me });
        await Check(contract, 422, host.Admin, HttpMethod.Post, $"/api/customers/{id}/transfer", new { toUserId = Guid.Parse(Missing) });
        await Check(contract, 200, host.Admin, HttpMethod.Get, "/api/pool");

        AssertNoFault(contract);
    }

    [Fact]
    public async Task lead_and_scene_calls_answer_what_the_document_declares()
    {
        var contract = await ContractAsync();
        var me = (await host.Admin.GetJsonAsync("/api/auth/me")).GetProperty("id").GetGuid();

        var lead = (await Check(contract, 201, host.Admin, HttpMethod.Post, "/api/leads",
            new { name = LeadApi.Unique("Lead"), company = "Acme" })).Json();
        var leadId = lead.GetProperty("id").GetGuid();
        await Check(contract, 200, host.Admin, HttpMethod.Get, "/api/leads?limit=5");
        await Check(contract, 200, host.Admin, HttpMethod.Get, $"/api/leads/{leadId}");
        await Check(contract, 200, host.Admin, HttpMethod.Patch, $"/api/leads/{leadId}", new { company = "Acme Trading" }, ("If-Match", "\"1\""));
        await Check(contract, 200, host.Admin, HttpMethod.Post, "/api/leads/transfer", new { ids = new[] { leadId, Guid.Parse(Missing) }, ownerId = me });
        await Check(contract, 400, host.Admin, HttpMethod.Post, "/api/leads/search", new { filter = new { field = "nope", op = "eq", value = 1 } });

        var name = LeadApi.Unique("Scene");
        var scene = (await Check(contract, 201, host.Admin, HttpMethod.Post, "/api/scenes",
            new { kind = "customers", name, sort = "-updatedAt" })).Json();
        var sceneId = scene.GetProperty("id").GetGuid();
        await Check(contract, 409, host.Admin, HttpMethod.Post, "/api/scenes", new { kind = "customers", name });
        await Check(contract, 200, host.Admin, HttpMethod.Get, "/api/scenes?kind=customers");
        await Check(contract, 200, host.Admin, HttpMethod.Get, $"/api/scenes/{sceneId}");
        await Check(contract, 200, host.Admin, HttpMethod.Post, $"/api/scenes/{sceneId}/results", new { limit = 5, includeTotal = true });
        await Check(contract, 204, host.Admin, HttpMethod.Delete, $"/api/scenes/{sceneId}");

        AssertNoFault(contract);
    }

    [Fact]
    public async Task task_and_workbench_calls_answer_what_the_document_declares()
    {
        var contract = await ContractAsync();
        var (participantId, participant) = await host.SignedInUserAsync("self", "task.list", "task.detail", "task.edit");
        var customer = (await host.Admin.CreatedAsync("/api/customers", new { name = LeadApi.Unique("Task customer") })).GetProperty("id").GetGuid();

        var task = (await Check(contract, 201, host.Admin, HttpMethod.Post, "/api/tasks", new
        {
            name = "Call Acme", dueAt = "2026-03-02T18:00:00+08:00", priority = "high", tags = new[] { "renewal" },
            participantIds = new[] { participantId }, related = new[] { new { kind = "customer", id = customer } },
        }, ("Idempotency-Key", "task-" + Guid.NewGuid()))).Json();
        var id = task.GetProperty("id").GetGuid();
        await Check(contract, 400, host.Admin, HttpMethod.Post, "/api/tasks", new { name = "", priority = "urgent" });
        await Check(contract, 422, host.Admin, HttpMethod.Post, "/api/tasks", new { name = "x", related = new[] { new { kind = "lead", id = Missing } } });
        await Check(contract, 200, host.Admin, HttpMethod.Get, $"/api/tasks/{id}");
        await Check(contract, 200, participant, HttpMethod.Get, $"/api/tasks/{id}?version=1");
        await Check(contract, 404, host.Admin, HttpMethod.Get, $"/api/tasks/{Missing}");
        await Check(contract, 200, host.Admin, HttpMethod.Patch, $"/api/tasks/{id}", new { description = "Renewal", dueAt = "" }, ("If-Match", "\"1\""));
        await Check(contract, 412, host.Admin, HttpMethod.Patch, $"/api/tasks/{id}", new { name = "Stale" }, ("If-Match", "\"1\""));
        await Check(contract, 403, participant, HttpMethod.Patch, $"/api/tasks/{id}", new { name = "Mine" });
        var withSubtask = (await Check(contract, 201, host.Admin, HttpMethod.Post, $"/api/tasks/{id}/subtasks", new { title = "Draft" })).Json();
        var subtask = withSubtask.GetProperty("subtasks")[0].GetProperty("id").GetGuid();
        await Check(contract, 200, participant, HttpMethod.Post, $"/api/tasks/{id}/subtasks/{subtask}/complete");
        await Check(contract, 400, host.Admin, HttpMethod.Post, $"/api/tasks/{id}/subtasks/reorder", new { order = Array.Empty<Guid>() });
        var comment = (await Check(contract, 201, participant, HttpMethod.Post, $"/api/tasks/{id}/comments", new { text = "On it" })).Json();
        var commentId = comment.GetProperty("id").GetGuid();
        await Check(contract, 403, host.Admin, HttpMethod.Patch, $"/api/tasks/{id}/comments/{commentId}", new { text = "Hijacked" });
        await Check(contract, 200, participant, HttpMethod.Get, $"/api/tasks/{id}/comments");
        await Check(contract, 200, host.Admin, HttpMethod.Post, $"/api/tasks/{id}/move", new { bucket = "today" });
        await Check(contract, 400, host.Admin, HttpMethod.Post, $"/api/tasks/{id}/move", new { bucket = "overdue" });
        await Check(contract, 200, participant, HttpMethod.Get, "/api/tasks?participant=me&limit=5");
        await Check(contract, 200, host.Admin, HttpMethod.Get, $"/api/tasks?relatedKind=customer&relatedId={customer}");
        await Check(contract, 200, participant, HttpMethod.Get, "/api/workbench?limit=5");
        await Check(contract, 400, participant, HttpMethod.Get, "/api/workbench?bucket=someday");
        await Check(contract, 200, host.Admin, HttpMethod.Get, $"/api/tasks/{id}/history");
        await Check(contract, 204, participant, HttpMethod.Delete, $"/api/tasks/{id}/comments/{commentId}");
        await Check(contract, 204, host.Admin, HttpMethod.Delete, $"/api/tasks/{id}");
        await Check(contract, 409, host.Admin, HttpMethod.Post, $"/api/tasks/{id}/reopen");

        AssertNoFault(contract);
    }

    [Fact]
    public async Task attachment_calls_answer_what_the_document_declares()
    {
        var contract = await ContractAsync();
        var lead = $"/api/leads/{(await host.Admin.CreatedAsync("/api/leads", new { name = LeadApi.Unique("Attached") })).GetProperty("id").GetGuid()}";
        async Task<IScenarioResult> Upload(int status, MultipartFormDataContent form, string path, string? key = null) => contract.Check(
            await host.Admin.Scenario(s =>
            {
                s.Post.MultipartFormData(form).ToUrl(path + "/attachments");
                if (key is not null) s.IdempotencyKey(key);
                s.IgnoreStatusCode();
            }), status);

        using var file = Attachments.AttachmentApi.Form(Attachments.AttachmentApi.Png, "scan.pdf", "text/plain");
        var attached = (await Upload(201, file, lead, "attach-" + Guid.NewGuid())).Json();
        var route = $"/api/attachments/{attached.GetProperty("id").GetGuid()}";
        using (var none = new MultipartFormDataContent { { new StringContent("x"), "note" } }) await Upload(400, none, lead);
        using (var elsewhere = Attachments.AttachmentApi.Form(Attachments.AttachmentApi.Pdf(), "a.pdf")) await Upload(404, elsewhere, $"/api/leads/{Missing}");
        await Check(contract, 415, host.Admin, HttpMethod.Post, lead + "/attachments", new { file = "x" });
        await Check(contract, 200, host.Admin, HttpMethod.Get, lead + "/attachments");
        await Check(contract, 404, host.Admin, HttpMethod.Get, $"/api/leads/{Missing}/attachments");
        await Check(contract, 200, host.Admin, HttpMethod.Get, route);
        await Check(contract, 200, host.Admin, HttpMethod.Get, route + "/content");
        await Check(contract, 404, host.Admin, HttpMethod.Get, $"/api/attachments/{Missing}/content");
        await Check(contract, 412, host.Admin, HttpMethod.Delete, route, null, ("If-Match", "\"1\""));
        await Check(contract, 204, host.Admin, HttpMethod.Delete, route);
        await Check(contract, 404, host.Admin, HttpMethod.Delete, route);

        AssertNoFault(contract);
    }

    [Fact]
    public async Task notification_preference_calls_answer_what_the_document_declares()
    {
        var contract = await ContractAsync();
        const string Route = "/api/notification-preferences";
        var (repId, rep) = await host.SignedInUserAsync("self", "customer.list");
        object Defaults(params string[] channels) => new { choices = new[] { new { kind = "approval_waiting", channels } } };

        await Check(contract, 200, rep, HttpMethod.Put, $"{Route}/webhook", new { url = "https://hooks.example.com/contract" });
        await Check(contract, 200, host.Admin, HttpMethod.Put, $"{Route}/defaults", Defaults("in_app"));
        await Check(contract, 200, host.Admin, HttpMethod.Put, $"{Route}/defaults", Defaults());
        await Check(contract, 200, host.Admin, HttpMethod.Get, $"{Route}/defaults");
        await Check(contract, 412, host.Admin, HttpMethod.Put, $"{Route}/defaults", Defaults("in_app"), ("If-Match", "\"1\""));
        await Check(contract, 200, host.Admin, HttpMethod.Put, $"{Route}/defaults", new { choices = Array.Empty<object>() });
        await Check(contract, 403, rep, HttpMethod.Delete, $"/api/users/{repId}/notification-webhook");
        await Check(contract, 204, host.Admin, HttpMethod.Delete, $"/api/users/{repId}/notification-webhook");
        await Check(contract, 404, host.Admin, HttpMethod.Delete, $"/api/users/{Missing}/notification-webhook");

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
        var document = await ContractDocument.ReadAsync(host.Admin);
        Assert.NotEmpty(document.Validate(System.Text.Json.Nodes.JsonNode.Parse(schema)!, value));
    }

    [Fact]
    public async Task an_unexpected_status_and_a_server_failure_are_faults_even_when_documented()
    {
        var contract = await ContractAsync();
        ResponseContract.Exchange Answer(int status) =>
            new("GET", "/api/customers", status, "application/problem+json; charset=utf-8", """{"title":"x","status":500}""", ["Content-Type"]);
        contract.Check(Answer(500), 500);
        Assert.Contains(contract.Faults, f => f.Contains("the server failed", StringComparison.Ordinal));
        contract.Check(Answer(401), 200);
        Assert.Contains(contract.Faults, f => f.Contains("expected 200", StringComparison.Ordinal));
    }

    private async Task<ResponseContract> ContractAsync() => new(await ContractDocument.ReadAsync(host.Admin));

    private static async Task<IScenarioResult> Check(ResponseContract contract, int expectedStatus, ApiCaller caller, HttpMethod method, string path,
        object? body = null, params (string Name, string Value)[] headers)
    {
        var json = body is null ? null : JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
        var result = await caller.Scenario(s =>
        {
            s.SendExactly(method.Method, path, json is null ? null : Encoding.UTF8.GetBytes(json));
            foreach (var (name, value) in headers) s.WithRequestHeader(name, value);
            // The contract checks the status itself, collecting every fault of the run rather than stopping at the first.
            s.IgnoreStatusCode();
        });
        return contract.Check(result, expectedStatus, json);
    }

    private static void AssertNoFault(ResponseContract contract) =>
        Assert.True(contract.Faults.Count == 0, $"{contract.Faults.Count} faults in {contract.Checked} exchanges:\n{string.Join("\n", contract.Faults)}");
}
