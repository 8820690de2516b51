using System.Text.Json;

namespace Crm.Host.Tests.Org;

/// <summary>Role calls shared by the role test classes.</summary>
internal static class RoleApi
{
    public const string Route = "/api/roles";

    /// <summary>Creates a role, which must answer 201.</summary>
    public static Task<JsonElement> CreateRoleAsync(this ApiCaller caller, string name, string dataScope = "self", params string[] permissions) =>
        caller.CreatedAsync(Route, new { name, permissions, dataScope });

    public static string[] Permissions(this JsonElement role) => role.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToArray();
}
