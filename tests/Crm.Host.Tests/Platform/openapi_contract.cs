using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// The OpenAPI document tells the truth, so a generated TypeScript client needs no casts: required and nullable only
/// where the server means it, one problem schema, the headers, enums, the recursive filter tree, one bulk shape.
/// </summary>
public sealed class openapi_contract(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>Request properties that must be sent and may be null on purpose: leaving them out must not move anything.</summary>
    private static readonly HashSet<string> RequiredAndNullable = ["MoveDepartmentRequest.parentId", "SetSuperiorPositionRequest.superiorPositionId"];

    private static readonly string[] Writes = ["post", "put", "patch", "delete"];

    private Task<JsonElement> DocumentAsync() => host.Admin.GetJsonAsync("/openapi/v1.json");

    private static JsonElement Schemas(JsonElement document) => document.GetProperty("components").GetProperty("schemas");

    private static bool IsRequest(string name) => name.EndsWith("Request", StringComparison.Ordinal) || name.EndsWith("Dto", StringComparison.Ordinal)
        || name.StartsWith("Conversion", StringComparison.Ordinal);

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where method.Name != "parameters"
        select (path.Name, method.Name, method.Value);

    private static bool IsNullable(JsonElement schema) =>
        (schema.TryGetProperty("type", out var type) && (type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => t.GetString() == "null") : type.GetString() == "null"))
        || (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Any(IsNullable));

    private static HashSet<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet() : [];

    private static JsonElement Property(JsonElement document, string schema, string property) =>
        Schemas(document).GetProperty(schema).GetProperty("properties").GetProperty(property);

    private static string? RefOf(JsonElement schema) => schema.TryGetProperty("$ref", out var reference) ? reference.GetString() : null;

    [Fact]
    public async Task request_properties_are_required_or_nullable_only_where_the_server_says_so()
    {
        var document = await DocumentAsync();
        var both = new List<string>();
        foreach (var schema in Schemas(document).EnumerateObject().Where(s => IsRequest(s.Name)))
        {
            var required = Required(schema.Value);
            if (!schema.Value.TryGetProperty("properties", out var properties)) continue;
            both.AddRange(properties.EnumerateObject().Where(p => required.Contains(p.Name) && IsNullable(p.Value)).Select(p => $"{schema.Name}.{p.Name}"));
            if (schema.Name.StartsWith("Update", StringComparison.Ordinal)) Assert.True(required.Count == 0,
                $"{schema.Name} (a PATCH body) requires {string.Join(", ", required)}");
        }
        Assert.Equal(RequiredAndNullable.Order(), both.Order());
        Assert.Equal(["name"], Required(Schemas(document).GetProperty("CreateCustomerRequest")));
        Assert.Equal(["content", "kind"], Required(Schemas(document).GetProperty("FollowUpRequest")).Order());
        Assert.False(IsNullable(Property(document, "UpdateLeadRequest", "name")), "null does not clear a lead's name");
        var userPatch = document.GetProperty("paths").GetProperty("/api/users/{id}").GetProperty("patch").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(IsNullable(userPatch.GetProperty("properties").GetProperty("email")), "null clears a user's e-mail");
        Assert.Empty(Required(userPatch));
        Assert.True(IsNullable(Property(document, "UpdateSceneRequest", "filter")), "null removes a scene's filter");
    }

    [Fact]
    public async Task every_error_answer_is_the_one_problem_schema_with_every_extension()
    {
        var document = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var answer in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var content = answer.Value.GetProperty("content");
                Assert.True(content.TryGetProperty("application/problem+json", out var media), $"{method} {path} {answer.Name}");
                Assert.Equal("#/components/schemas/Problem", RefOf(media.GetProperty("schema")));
            }
        }
        var problem = Schemas(document).GetProperty("Problem");
        foreach (var extension in new[] { "code", "traceId", "requestId", "errors", "candidates", "permission", "field", "status", "title", "detail" })
            Assert.True(problem.GetProperty("properties").TryGetProperty(extension, out _), extension);
        Assert.False(problem.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False);
        Assert.False(Schemas(document).TryGetProperty("HttpValidationProblemDetails", out _));
        Assert.False(Schemas(document).TryGetProperty("ProblemDetails", out _));
    }

    [Fact]
    public async Task every_write_documents_its_response_headers()
    {
        var document = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(document).Where(o => Writes.Contains(o.Method)))
        {
            var idempotent = operation.TryGetProperty("parameters", out var parameters)
                && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key");
            foreach (var answer in operation.GetProperty("responses").EnumerateObject())
            {
                var where = $"{method} {path} {answer.Name}";
                Assert.True(answer.Value.TryGetProperty("headers", out var headers), where);
                Assert.True(headers.TryGetProperty("X-Request-Id", out _), where);
                if (answer.Name == "201") Assert.True(headers.TryGetProperty("Location", out _), where);
                if (answer.Name[0] == '2' && idempotent) Assert.True(headers.TryGetProperty("Idempotent-Replayed", out _), where);
                if (answer.Name is "429" or "503") Assert.True(headers.TryGetProperty("Retry-After", out _), where);
            }
        }
        string[] withETag = ["/api/customers/{id}:patch:200", "/api/customers/{id}:get:200", "/api/customers:post:201", "/api/pool/rules:put:200",
            "/api/settings:get:200"];
        foreach (var key in withETag)
        {
            var (path, method, status) = (key.Split(':')[0], key.Split(':')[1], key.Split(':')[2]);
            var answer = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status);
            Assert.True(answer.GetProperty("headers").TryGetProperty("ETag", out _), key);
        }
        var login = document.GetProperty("paths").GetProperty("/api/auth/login").GetProperty("post").GetProperty("responses").GetProperty("429");
        Assert.True(login.GetProperty("headers").TryGetProperty("Retry-After", out _));
    }

    [Fact]
    public async Task every_api_operation_declares_the_outage_answer_with_retry_after()
    {
        var api = Operations(await DocumentAsync()).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(api);
        foreach (var (path, method, operation) in api)
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty("503", out var outage), $"{method} {path}");
            Assert.True(outage.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{method} {path}");
        }
    }

    [Theory]
    [InlineData("FollowUpRequest", "kind", "communication")]
    [InlineData("FollowUpResponse", "kind", "approval")]
    [InlineData("LeadFollowUpRequest", "kind", "visit")]
    [InlineData("LeadFollowUpResponse", "kind", "sms")]
    [InlineData("CustomerResponse", "followUpStatus", "in_communication")]
    [InlineData("CreateRoleRequest", "dataScope", "department_and_children")]
    [InlineData("RoleResponse", "dataScope", "self")]
    [InlineData("TeamMemberRequest", "access", "read_write")]
    [InlineData("DashboardPeriodResponse", "name", "this_quarter")]
    [InlineData("TransferRequest", "keepPreviousOwnerAs", "read")]
    [InlineData("CreateSceneRequest", "kind", "contacts")]
    [InlineData("SceneResponse", "kind", "leads")]
    [InlineData("NotificationResponse", "kind", "customer_recycling_warning")]
    [InlineData("CustomerSearchRequest", "sort", "-updatedAt")]
    [InlineData("LeadSearchRequest", "sort", "name")]
    [InlineData("UpdateSceneRequest", "sort", "-createdAt")]
    [InlineData("CreateUserRequest", "gender", "female")]
    [InlineData("CustomerTeamMember", "access", "read_write")]
    public async Task value_sets_are_enums(string schema, string property, string member)
    {
        var values = Property(await DocumentAsync(), schema, property).GetProperty("enum").EnumerateArray().Select(v => v.ToString()).ToList();
        Assert.Contains(member, values);
    }

    [Fact]
    public async Task every_dashboard_routes_period_is_an_enum_of_the_period_names()
    {
        var periods = Operations(await DocumentAsync()).Where(o => o.Path.StartsWith("/api/dashboard", StringComparison.Ordinal))
            .SelectMany(o => o.Operation.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(p => p.GetProperty("name").GetString() == "period" && p.GetProperty("in").GetString() == "query")
            .ToList();
        Assert.Equal(6, periods.Count);
        Assert.All(periods, p => Assert.Equal(Crm.Projections.Dashboard.DashboardPeriod.Names,
            p.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToList()));
    }

    [Fact]
    public async Task every_lists_sort_parameter_is_an_enum_of_the_sort_keys()
    {
        var sorts = Operations(await DocumentAsync())
            .SelectMany(o => o.Operation.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(p => p.GetProperty("name").GetString() == "sort" && p.GetProperty("in").GetString() == "query")
            .ToList();
        Assert.True(sorts.Count >= 4, $"only {sorts.Count} lists take ?sort=");
        Assert.All(sorts, p => Assert.Equal(
            ["updatedAt", "createdAt", "name", "-updatedAt", "-createdAt", "-name"],
            p.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString())));
    }

    [Fact]
    public async Task the_pool_rules_answer_has_every_field_required()
    {
        var answer = Schemas(await DocumentAsync()).GetProperty("PoolRulesResponse");
        Assert.True(Required(answer).SetEquals(["claimLimit", "claimCooldownDays", "rules"]), string.Join(", ", Required(answer)));
    }

    [Fact]
    public async Task the_filter_tree_is_a_recursive_schema()
    {
        var document = await DocumentAsync();
        var node = Schemas(document).GetProperty("FilterNode");
        var branches = node.GetProperty("oneOf").EnumerateArray().ToList();
        Assert.Contains(branches, b => b.TryGetProperty("properties", out var p) && p.TryGetProperty("and", out var and)
            && RefOf(and.GetProperty("items")) == "#/components/schemas/FilterNode");
        Assert.Contains(branches, b => RefOf(b) == "#/components/schemas/FilterCondition");
        foreach (var owner in new[] { "CustomerSearchRequest", "LeadSearchRequest", "ContactSearchRequest", "CreateSceneRequest", "CustomerExportRequest" })
            Assert.Contains("#/components/schemas/FilterNode", Property(document, owner, "filter").GetRawText());
    }

    [Fact]
    public async Task sign_in_and_refresh_need_no_token_and_the_server_has_no_trailing_slash()
    {
        var document = await DocumentAsync();
        foreach (var path in new[] { "/api/auth/login", "/api/auth/refresh" })
        {
            var security = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("security");
            Assert.Equal(0, security.GetArrayLength());
        }
        var me = document.GetProperty("paths").GetProperty("/api/auth/me").GetProperty("get").GetProperty("security");
        Assert.Equal(1, me.GetArrayLength());
        foreach (var server in document.GetProperty("servers").EnumerateArray())
            Assert.False(server.GetProperty("url").GetString()!.EndsWith('/'), server.GetProperty("url").GetString());
    }

    [Fact]
    public async Task every_bulk_action_answers_the_one_bulk_shape()
    {
        var document = await DocumentAsync();
        foreach (var path in new[] { "/api/customers/transfer", "/api/pool/assign", "/api/leads/transfer", "/api/leads/convert" })
        {
            var schema = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("responses").GetProperty("200")
                .GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal("#/components/schemas/BulkResponse", RefOf(schema));
        }
        var item = Schemas(document).GetProperty("BulkItemResult");
        Assert.Equal(["code", "customerId", "field", "id", "message", "status", "succeeded", "version"],
            item.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task answers_are_typed_per_kind_and_the_import_names_its_file_part()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");
        var results = paths.GetProperty("/api/scenes/{id}/results").GetProperty("post").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("anyOf").EnumerateArray().Select(RefOf);
        Assert.Equal(["#/components/schemas/ContactListResponse", "#/components/schemas/CustomerListResponse",
            "#/components/schemas/LeadListResponse"], results.Order());
        Assert.Equal("#/components/schemas/LeadFollowUpListResponse", RefOf(paths.GetProperty("/api/leads/{id}/follow-ups").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema")));
        Assert.True(Schemas(document).GetProperty("FollowUpResponse").GetProperty("properties").TryGetProperty("recordType", out _));
        var file = paths.GetProperty("/api/customers/import").GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").GetProperty("file");
        Assert.Equal("binary", file.GetProperty("format").GetString());
    }

    [Fact]
    public async Task every_example_is_valid_against_its_schema()
    {
        var text = (await host.Admin.Scenario(s => s.Get.Url("/openapi/v1.json"))).ReadAsText();
        var document = JsonNode.Parse(text)!.AsObject();
        // NJsonSchema resolves references into "definitions", where JSON Schema keeps them; OpenAPI keeps them in components.
        var definitions = Definitions(document["components"]!["schemas"]!.ToJsonString());
        var faults = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(m => m.Key != "parameters"))
            {
                var media = new List<(string Where, JsonNode? Content)> { ($"{method} {path} request", operation!["requestBody"]?["content"]) };
                media.AddRange(operation!["responses"]!.AsObject().Select(r => ($"{method} {path} {r.Key}", r.Value?["content"])));
                foreach (var (where, content) in media)
                {
                    foreach (var (_, type) in content?.AsObject() ?? [])
                    {
                        if (type?["example"] is not { } example || type["schema"] is not { } schema) continue;
                        // Under allOf: beside a root "$ref", JSON Schema draft 4 ignores "definitions".
                        var root = new JsonObject { ["allOf"] = new JsonArray(JsonNode.Parse(Definitions(schema.ToJsonString()))),
                            ["definitions"] = JsonNode.Parse(definitions) };
                        var validator = await JsonSchema.FromJsonAsync(root.ToJsonString());
                        var errors = validator.Validate(example.ToJsonString());
                        faults.AddRange(errors.Select(e => $"{where}: {e.Path} {e.Kind}"));
                    }
                }
            }
        }
        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    private static string Definitions(string json) => json.Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
}
