using System.Text.Json;
using Crm.Host.Tests.Leads;

namespace Crm.Host.Tests.Scenes;

/// <summary>Scene calls shared by the scene test classes.</summary>
internal static class SceneApi
{
    public const string Route = "/api/scenes";

    /// <summary>Creates a scene (a unique name unless given), which must answer 201.</summary>
    public static Task<JsonElement> CreateSceneAsync(this ApiCaller caller, string kind = "leads", string? name = null, object? filter = null, string? sort = null,
        bool isDefault = false) => caller.CreatedAsync(Route, new { kind, name = name ?? LeadApi.Unique("Scene"), filter, sort, isDefault });
}
