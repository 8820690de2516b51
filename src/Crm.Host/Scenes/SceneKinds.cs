using System.Text.Json;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Projections.Filtering;
using Crm.Projections.Leads;
using Crm.Write;
using Crm.Write.Scenes;

namespace Crm.Host.Scenes;

/// <summary>
/// Shows one page of a scene's results exactly as the kind's search endpoint would, within the
/// caller's data scope (the scene carries none). The body is the search request's JSON shape.
/// </summary>
public delegate Task<IResult> SceneResultsSource(SceneSearch search, CallerAccess caller, IServiceProvider services, CancellationToken ct);

/// <summary>A scene turned into the kind's search request.</summary>
public sealed record SceneSearch(JsonElement? Filter, string Sort, string? Q, int? Limit, string? Cursor, bool? IncludeTotal);

/// <summary>
/// The record kinds a scene can be for: the permission that lists them, the fields their filter tree
/// may name, and (registered by the module that owns the list) how a scene's results are shown.
/// </summary>
public sealed class SceneKinds
{
    private readonly Dictionary<string, SceneResultsSource> sources = new(StringComparer.Ordinal);

    public static string ListPermission(string kind) => kind switch
    {
        "leads" => "lead.list",
        "customers" => "customer.list",
        "contacts" => "contact.list",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a scene kind."),
    };

    public static IReadOnlyList<FilterField> Fields(string kind) => kind switch
    {
        "leads" => LeadFilterFields.All,
        "customers" => CustomerFilterFields.All,
        "contacts" => ContactFilterFields.All,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a scene kind."),
    };

    public static bool IsKind(string? kind) => kind is not null && Scene.Kinds.Contains(kind);

    /// <summary>The module owning a kind's list registers how a scene's page of results is shown (its search endpoint's code).</summary>
    public void Register(string kind, SceneResultsSource source) => sources[kind] = source;

    public SceneResultsSource? SourceOf(string kind) => sources.GetValueOrDefault(kind);

    /// <summary>
    /// Checks a filter tree and sort exactly as the kind's search does, each fault named (filter,
    /// filter.&lt;field&gt;, sort — <see cref="ListInputs"/>); answers the view with the filter's compact JSON and the canonical sort.
    /// </summary>
    public static SceneView View(string kind, JsonElement? filter, string? sort, string? q)
    {
        var faults = new List<FieldError>();
        string? filterJson = null;
        if (filter is { } element && element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            var (_, errors) = FilterTree.Parse(element, Fields(kind));
            faults.AddRange(ListInputs.Faults(errors));
            filterJson = JsonSerializer.Serialize(element);
        }
        var parsed = ListSort.Parse(sort);
        if (parsed is null) faults.Add(ListInputs.SortFault);
        var canonical = parsed is null ? "" : (parsed.Descending ? "-" : "") + parsed.Field;
        return new SceneView(filterJson, canonical, q, faults);
    }
}
