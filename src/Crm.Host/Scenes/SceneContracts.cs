using Crm.Write.Scenes;
using Crm.Host.Platform;
using System.Text.Json;
using Crm.Projections.Org;
using Crm.Projections.Scenes;

namespace Crm.Host.Scenes;

/// <summary>Save a list view. kind is leads, customers or contacts; filter, sort and q are what the kind's search takes.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks one otherwise.</param>
/// <param name="IsDefault">Make it your default for the kind (your previous default stops being one).</param>
public sealed record CreateSceneRequest(
    Guid? Id, [property: MustSend, WireValues(typeof(Scene), nameof(Scene.Kinds))] string? Kind, [property: MustSend] string? Name, JsonElement? Filter,
    [property: SortKey] string? Sort, string? Q, bool? IsDefault);

/// <summary>
/// Change a scene; what is left out stays as it is. filter: null removes the filter; q: "" removes it.
/// </summary>
public sealed record UpdateSceneRequest(string? Name, [property: NullMeans("removes the filter")] JsonElement Filter,
    [property: SortKey] string? Sort, string? Q, int? Order);

/// <summary>Which page of a scene's results to show.</summary>
public sealed record SceneResultsRequest(int? Limit, string? Cursor, bool? IncludeTotal);

/// <summary>A scene as the API shows it; version is the ETag.</summary>
public sealed record SceneResponse(
    Guid Id, [property: WireValues(typeof(Scene), nameof(Scene.Kinds))] string Kind, string Name, JsonElement? Filter,
        [property: SortKey] string Sort, string? Q, bool IsDefault, int Order,
    long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static SceneResponse From(SceneRow r) => new(
        r.Id, r.Kind, r.Name, r.Filter is null ? null : JsonSerializer.Deserialize<JsonElement>(r.Filter), r.Sort, r.Q, r.IsDefault, r.Order,
        r.Version, r.CreatedAt, r.UpdatedAt);
}

public sealed record SceneListResponse(IReadOnlyList<SceneResponse> Items);

public sealed record SceneHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);
