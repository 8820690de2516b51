using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Org;

namespace Crm.Host.Tests.Leads;

/// <summary>Lead calls and a second, self-scoped user, shared by the lead test classes.</summary>
internal static class LeadApi
{
    public const string Route = "/api/leads";

    public static readonly string[] SalesPermissions =
    [
        "lead.create", "lead.list", "lead.detail", "lead.edit", "lead.transfer", "lead.convert", "lead.claim",
        "customer.create", "customer.list", "customer.detail", "customer.import", "customer.export", "dashboard.view",
    ];

    public static string Json(object body) => JsonSerializer.Serialize(body, JsonSerializerOptions.Web);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object? body, params (string, string)[] headers) =>
        client.SendJsonAsync(HttpMethod.Post, path, body is null ? null : Json(body), headers);

    public static async Task<JsonElement> CreateLeadAsync(this HttpClient client, string? name = null, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name ?? "Lead " + Guid.NewGuid().ToString("N")[..10] };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        var response = await client.PostJsonAsync(Route, body);
        Assert.True(201 == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>A new user holding a role with the sales permissions and the given data scope, signed in.</summary>
    public static async Task<(Guid Id, HttpClient Client)> SalesUserAsync(this HostFixture host, string scope = "self", params string[] permissions)
    {
        var role = await host.Client.CreateRoleAsync("Sales " + Guid.NewGuid().ToString("N")[..8], scope, permissions.Length > 0 ? permissions : SalesPermissions);
        var user = await host.Client.CreateUserAsync(extra: new { roleIds = new[] { role.GetProperty("id").GetGuid() } });
        return (UserApi.Id(user), await host.SignedInClientAsync(user.Mobile(), UserApi.Password));
    }

    public static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..12];
}
