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

    public static string[] Permissions(this JsonElement role) => role.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToArray();
}
