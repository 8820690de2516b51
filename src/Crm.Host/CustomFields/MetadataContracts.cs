using System.Text.Json;
using Crm.Events;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.CustomFields;
using Crm.Projections.Filtering;
using Crm.Write.CustomFields;

namespace Crm.Host.CustomFields;

/// <summary>One field of a record kind as a UI builds its forms and filters from it.</summary>
/// <param name="Name">The field's API name: in bodies, filters (field) and sort; custom fields are custom.&lt;key&gt; in filters and the key inside
/// the custom object.</param>
/// <param name="Label">A custom field's label; null for built-in fields (the UI names those).</param>
/// <param name="Source">builtIn or custom.</param>
/// <param name="Type">A custom field's type; for a built-in field: text, uuid, boolean, datetime, tags, number or money.</param>
/// <param name="Values">What a value looks like (custom fields), for hints and messages.</param>
/// <param name="FilterOperators">The operators a filter condition on the field takes.</param>
/// <param name="Sortable">Whether ?sort= takes the field.</param>
/// <param name="Order">A custom field's form order; null for built-in fields.</param>
public sealed record MetadataField(
    string Name, string? Label, [property: WireValues("builtIn", "custom")] string Source, string Type, bool Required, bool Unique, JsonElement? Default,
    IReadOnlyList<CustomFieldOptionResponse>? Options, string? Values, IReadOnlyList<string> FilterOperators, bool Sortable, int? Order);

/// <summary>Every field of a record kind: the built-in ones, then the live custom fields in form order.</summary>
public sealed record MetadataResponse(string Kind, IReadOnlyList<MetadataField> Fields)
{
    /// <summary>Built-in fields a create must send, per kind.</summary>
    private static readonly Dictionary<string, string[]> RequiredBuiltIns = new()
    {
        ["lead"] = ["name"], ["customer"] = ["name"], ["contact"] = ["name", "customerId"], ["opportunity"] = ["name", "customerId"],
        ["contract"] = ["name", "customerId"], ["product"] = ["name", "code", "price"],
    };

    public static MetadataResponse Of(string kind, IReadOnlyList<CustomFieldRow> custom)
    {
        var required = RequiredBuiltIns[kind];
        var builtIn = KindFields.BuiltIn(kind).Select(f => new MetadataField(f.Name, null, "builtIn", TypeName(f.Type), required.Contains(f.Name),
            kind == "product" && f.Name == "code", null, null, null, FilterTree.Operators[f.Type], ListSort.Fields.Contains(f.Name), null));
        var customs = custom.Select(r => r.Definition).Select(d => new MetadataField(CustomChanges.Prefix + d.Key, d.Label, "custom", d.Type, d.Required,
            d.Unique, d.Default,
            CustomFieldTypes.IsSelect(d.Type) ? [.. d.Options.Select(o => new CustomFieldOptionResponse(o.Key, o.Label, o.Retired))] : null,
            CustomValue.Expected(d), FilterTree.Operators[CustomFilterFields.TypeOf(d.Type)], false, d.Order));
        return new MetadataResponse(kind, [.. builtIn, .. customs]);
    }

    private static string TypeName(FilterType type) => type switch
    {
        FilterType.Uuid => "uuid",
        FilterType.Bool => "boolean",
        FilterType.Timestamp => "datetime",
        FilterType.TextArray => "tags",
        FilterType.Decimal => "number",
        FilterType.Money => "money",
        _ => "text",
    };
}
