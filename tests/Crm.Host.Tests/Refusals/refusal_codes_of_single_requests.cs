using System.Text;
using System.Text.Json;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Refusals;

/// <summary>
/// Refusals a single request by the administrator provokes: each answers its status, names its field and
/// carries its code (clients branch on the code, so a renamed code is a broken contract).
/// </summary>
public sealed class refusal_codes_of_single_requests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Nobody = "0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d00";
    private const string Empty = "00000000-0000-0000-0000-000000000000";

    public static TheoryData<string, string, string?, int, string, string> Requests => new()
    {
        { "GET", "/api/customers?limit=0", null, 400, "limit", "limit_out_of_range" },
        { "GET", "/api/customers?cursor=not-a-cursor", null, 400, "cursor", "cursor_invalid" },
        { "GET", $"/api/customers/{Nobody}?version=0", null, 400, "version", "version_out_of_range" },
        { "GET", "/api/customers?limit=ten", null, 400, "limit", "parameter_invalid" },
        { "GET", "/api/customers/not-an-id", null, 400, "id", "parameter_invalid" },
        { "POST", "/api/customers", null, 400, "body", "body_required" },
        { "POST", $"/api/departments/{Nobody}/move", "{}", 400, "parentId", "field_required" },
        { "GET", "/api/users?status=gone", null, 400, "status", "status_invalid" },
        { "GET", $"/api/departments?topLevel=true&parentId={Nobody}", null, 400, "topLevel", "filters_contradict" },
        { "GET", $"/api/briefing?userId={Nobody}&departmentId={Nobody}", null, 400, "departmentId", "filter_ambiguous" },
        { "GET", "/api/briefing?from=2026-03-02&to=2026-03-01", null, 400, "to", "range_invalid" },
        { "GET", "/api/briefing?from=2020-01-01&to=2026-01-01", null, 400, "to", "range_too_long" },
        { "GET", "/api/scenes?kind=deals", null, 400, "kind", "kind_unknown" },
        { "POST", "/api/contacts", """{"name":"Li Lei"}""", 400, "customerId", "customer_required" },
        { "POST", "/api/contacts", $$"""{"id":"{{Empty}}","customerId":"{{Nobody}}","name":"Li Lei"}""", 400, "id", "id_invalid" },
        { "POST", "/api/customers", """{"name":"Acme","colour":"blue"}""", 400, "colour", "field_unknown" },
        { "POST", "/api/customers/transfer", $$"""{"ids":[],"toUserId":"{{Nobody}}"}""", 400, "ids", "ids_out_of_range" },
        { "POST", "/api/pool/assign", $$"""{"ids":[],"userId":"{{Nobody}}"}""", 400, "ids", "ids_out_of_range" },
        { "POST", "/api/leads/convert", """{"ids":[]}""", 400, "ids", "ids_required" },
        { "POST", "/api/leads/transfer", $$"""{"ids":["{{Nobody}}"]}""", 400, "ownerId", "user_required" },
        { "POST", $"/api/users/{Nobody}/super-admin", "{}", 400, "grant", "grant_required" },
        { "POST", $"/api/users/{Nobody}/hand-over", $$"""{"toUserId":"{{Empty}}"}""", 400, "toUserId", "to_user_required" },
        { "PATCH", $"/api/users/{Nobody}", """{"roles":[]}""", 400, "roles", "field_unknown" },
        { "PATCH", $"/api/users/{Nobody}", """{"departmentId":"not-an-id"}""", 400, "departmentId", "field_invalid" },
        { "POST", "/api/auth/password", """{"currentPassword":"not the password","newPassword":"a fine new password"}""", 400,
            "currentPassword", "current_password_wrong" },
        { "POST", "/api/auth/password", """{"currentPassword":"","newPassword":"a fine new password"}""", 400, "currentPassword", "password_required" },
        { "POST", $"/api/notifications/{Nobody}/read", null, 404, "", "notification_not_found" },
        { "GET", $"/api/customers/imports/{Nobody}", null, 404, "", "import_not_found" },
    };

    public static TheoryData<string, string, int, string, string> AnonymousRequests => new()
    {
        { "/api/auth/login", """{"mobile":"13800000000"}""", 400, "password", "password_required" },
        { "/api/auth/login", $$"""{"mobile":"{{new string('1', 65)}}","password":"x"}""", 400, "mobile", "too_long" },
        { "/api/auth/refresh", "{}", 400, "refreshToken", "refresh_token_required" },
    };

    private static Task AssertCodeAsync(ApiCaller caller, string method, string path, string? json, int status, string field, string code,
        params (string Name, string Value)[] headers) => caller.Scenario(s =>
    {
        s.SendExactly(method, path, json is null ? null : Encoding.UTF8.GetBytes(json));
        if (json is null && method == "POST") s.WithoutBody(); // as an HttpClient sends a POST without content
        foreach (var (name, value) in headers) s.WithRequestHeader(name, value);
        s.ProblemShouldBe(status, field.Length == 0 ? null : field, code);
    });

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task a_refused_request_answers_its_status_field_and_code(string method, string path, string? json, int status, string field, string code)
    {
        var before = await host.EventCountAsync();
        await AssertCodeAsync(host.Admin, method, path, json, status, field, code);
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Theory]
    [MemberData(nameof(AnonymousRequests))]
    public async Task a_refused_sign_in_or_refresh_answers_its_field_and_code(string path, string json, int status, string field, string code) =>
        await AssertCodeAsync(host.SignedOut, "POST", path, json, status, field, code);

    [Fact]
    public async Task a_settings_change_with_an_if_match_that_is_not_an_etag_is_refused_and_changes_nothing()
    {
        await AssertCodeAsync(host.Admin, "PATCH", "/api/settings", """{"listPageSize":50}""", 400, "If-Match", "if_match_invalid", ("If-Match", "three"));
    }

    [Fact]
    public async Task a_bulk_lead_action_over_the_id_limit_is_refused_before_any_lead_is_read()
    {
        var ids = Enumerable.Range(0, 501).Select(_ => Guid.CreateVersion7()).ToArray();
        var json = JsonSerializer.Serialize(new { ids, ownerId = Guid.CreateVersion7() });
        await AssertCodeAsync(host.Admin, "POST", "/api/leads/transfer", json, 400, "ids", "too_many_ids");
    }
}
