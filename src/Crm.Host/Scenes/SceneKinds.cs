using System.Text.Json;
using Crm.Host.Access;

namespace Crm.Host.Scenes;

/// <summary>
/// Shows one page of a scene's results exactly as the kind's search endpoint would, within the
/// caller's data scope (the scene carries none). The body is the search request's JSON shape.
/// </summary>
public delegate Task<IResult> SceneResultsSource(SceneSearch search, CallerAccess caller, IServiceProvider services, CancellationToken ct);

/// <summary>A scene turned into the kind's search request.</summary>
public sealed record SceneSearch(JsonElement? Filter, string Sort, string? Q, int? Limit, string? Cursor, bool? IncludeTotal);

/// <summary>
/// How each record kind shows a scene's results, registered by the module that owns the kind's list
/// (its search endpoint's code). What a kind is and which fields its filter may name: Crm.Write's SceneViews.
/// </summary>
public sealed class SceneKinds
{
    private readonly Dictionary<string, SceneResultsSource> sources = new(StringComparer.Ordinal);

    /// <summary>The module owning a kind's list registers how a scene's page of results is shown.</summary>
    public void Register(string kind, SceneResultsSource source) => sources[kind] = source;

    public SceneResultsSource? SourceOf(string kind) => sources.GetValueOrDefault(kind);
}
