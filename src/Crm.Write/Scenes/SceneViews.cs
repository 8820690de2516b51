using System.Text.Json;
using Crm.Projections;
using Crm.Projections.Contacts;
using Crm.Projections.Customers;
using Crm.Projections.Filtering;
using Crm.Projections.Leads;

namespace Crm.Write.Scenes;

/// <summary>
/// The record kinds a scene can be for: the permission that lists them and the fields their filter tree
/// may name; and the check of a view exactly as the kind's search checks it.
/// </summary>
public static class SceneViews
{
    public static bool IsKind(string? kind) => kind is not null && Scene.Kinds.Contains(kind);

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

    /// <summary>
    /// Checks a filter tree and sort exactly as the kind's search does, each fault named (filter,
    /// filter.&lt;field&gt;, sort — <see cref="ListFaults"/>); answers the view with the filter's compact JSON and the canonical sort.
    /// </summary>
    /// <param name="fields">The fields the kind's list filters on now, custom ones included (SET-1); null: the built-in ones.</param>
    public static SceneView Check(string kind, JsonElement? filter, string? sort, string? q, IReadOnlyList<FilterField>? fields = null)
    {
        var faults = new List<FieldError>();
        string? filterJson = null;
        if (filter is { } element && element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            var (_, errors) = FilterTree.Parse(element, fields ?? Fields(kind));
            faults.AddRange(ListFaults.Of(errors));
            filterJson = JsonSerializer.Serialize(element);
        }
        var parsed = ListSort.Parse(sort);
        if (parsed is null) faults.Add(ListFaults.Sort);
        var canonical = parsed is null ? "" : (parsed.Descending ? "-" : "") + parsed.Field;
        return new SceneView(filterJson, canonical, q, faults);
    }

    /// <summary>A stored filter as JSON again (null when the scene has none).</summary>
    public static JsonElement? FilterOf(string? stored) => stored is null ? null : JsonSerializer.Deserialize<JsonElement>(stored);
}
