using System.Text.Json;

namespace Crm.Host.Tests.Org;

/// <summary>Role calls shared by the role test classes.</summary>
internal static class RoleApi
{
    public const string Route = "/api/roles";

    public static async Task<JsonElement> CreateRoleAsync(this HttpClient client, string name, string dataScope = "self", params string[] permissions)
    {
        var body = JsonSerializer.Serialize(new { name, permissions, dataScope }, JsonSerializerOptions.Web);
        var response = await client.SendJsonAsync(HttpMethod.Post, Route, body);
        Assert.Equal(201, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Creates a role, which must answer 201 (the Alba style, docs/testing.md).</summary>
    public static Task<JsonElement> CreateRoleAsync(this ApiCaller caller, string name, string dataScope = "self", params string[] permissions) =>
        caller.CreatedAsync(Route, new { name, permissions, dataScope });

    public static string[] Permissions(this JsonElement role) => role.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToArray();
}
