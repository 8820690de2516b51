using System.Text.Json;
using Crm.Host.Tests.Leads;

namespace Crm.Host.Tests.Scenes;

/// <summary>Scene calls shared by the scene test classes.</summary>
internal static class SceneApi
{
    public const string Route = "/api/scenes";

    public static async Task<JsonElement> CreateSceneAsync(this HttpClient client, string kind = "leads", string? name = null, object? filter = null, string? sort = null, bool isDefault = false)
    {
        var response = await client.PostJsonAsync(Route, new { kind, name = name ?? LeadApi.Unique("Scene"), filter, sort, isDefault });
        Assert.True(201 == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, object body, params (string, string)[] headers) =>
        client.SendJsonAsync(HttpMethod.Patch, path, LeadApi.Json(body), headers);

    /// <summary>Creates a scene (a unique name unless given), which must answer 201.</summary>
    public static Task<JsonElement> CreateSceneAsync(this ApiCaller caller, string kind = "leads", string? name = null, object? filter = null, string? sort = null,
        bool isDefault = false) => caller.CreatedAsync(Route, new { kind, name = name ?? LeadApi.Unique("Scene"), filter, sort, isDefault });
}
