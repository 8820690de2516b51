using System.Text.Json;
using Crm.Events;
using Crm.Host.Platform;
using Crm.Projections.CustomFields;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.CustomFields;

namespace Crm.Host.CustomFields;

/// <summary>An option of a select field.</summary>
/// <param name="Key">Stable key records store: 1 to 40 lower-case letters, digits or underscores, starting with a letter.</param>
/// <param name="Label">What forms show, 1 to 50 characters; may change at any time.</param>
/// <param name="Retired">New values can no longer choose it; records holding it keep it.</param>
public sealed record CustomFieldOptionRequest([property: MustSend] string? Key, [property: MustSend] string? Label, bool Retired = false)
{
    public static IReadOnlyList<CustomFieldOptionInput>? Inputs(IReadOnlyList<CustomFieldOptionRequest?>? options) =>
        options?.Select(o => new CustomFieldOptionInput(o?.Key, o?.Label, o?.Retired ?? false)).ToList();
}

/// <summary>A new custom field of a record kind.</summary>
/// <param name="Kind">The record kind the field belongs to.</param>
/// <param name="Key">The key records store the value under (custom.&lt;key&gt;): 1 to 40 lower-case letters, digits or underscores, starting with a
/// letter; never changes, never reused.</param>
/// <param name="Label">What forms show, 1 to 50 characters.</param>
/// <param name="Type">The value type; never changes.</param>
/// <param name="Required">A record cannot be created, nor the value cleared, without it (default false).</param>
/// <param name="Unique">No two records of the kind hold the same value (text, number, phone, email; default false). Declared here only.</param>
/// <param name="Default">The value a new record gets when none is sent, of the field's type; none for unique and user fields.</param>
/// <param name="Options">A select field's options (1 to 200), in form order; none for other types.</param>
/// <param name="Order">Where forms place it among the kind's custom fields, 0 to 10000 (default 0; ties by key).</param>
public sealed record CreateCustomFieldRequest(
    [property: MustSend, WireValues(typeof(CustomFieldTypes), nameof(CustomFieldTypes.Kinds))] string? Kind,
    [property: MustSend] string? Key,
    [property: MustSend] string? Label,
    [property: MustSend, WireValues(typeof(CustomFieldTypes), nameof(CustomFieldTypes.All))] string? Type,
    bool? Required, bool? Unique, [property: NullMeans("no default")] JsonElement? Default, IReadOnlyList<CustomFieldOptionRequest?>? Options, int? Order)
{
    public DefineCustomField Command(Guid id) => new(id, Kind, Key, Label, Type, Required, Unique, Default, CustomFieldOptionRequest.Inputs(Options), Order);
}

/// <summary>A change of a custom field: only what is sent changes. The kind, key and type never change.</summary>
/// <param name="Label">The new label.</param>
/// <param name="Required">Required from now on (records without a value keep theirs until edited).</param>
/// <param name="Unique">false drops uniqueness; true is refused unless the field is unique already.</param>
/// <param name="Default">The new default; null clears it; absent leaves it.</param>
/// <param name="Options">The whole option list, in form order: every option offered before must still be listed (retire one instead).</param>
/// <param name="Order">The new form position.</param>
public sealed record UpdateCustomFieldRequest(
    string? Label, bool? Required, bool? Unique, [property: NullMeans("no default")] JsonElement Default, IReadOnlyList<CustomFieldOptionRequest?>? Options,
    int? Order)
{
    public ChangeCustomField Command(Guid id) => new(id, Label, Required, Unique,
        Default.ValueKind == JsonValueKind.Undefined ? null : new Edit<JsonElement?>(Default.ValueKind == JsonValueKind.Null ? null : Default),
        CustomFieldOptionRequest.Inputs(Options), Order);
}

/// <summary>A select field's option.</summary>
public sealed record CustomFieldOptionResponse(string Key, string Label, bool Retired);

/// <summary>A custom field as defined. ETag is its version.</summary>
/// <param name="Id">The field's id: a name-based UUID of kind and key.</param>
/// <param name="Retired">A retired field is hidden from forms and filters; records keep their values.</param>
public sealed record CustomFieldResponse(
    Guid Id, string Kind, string Key, string Label, string Type, bool Required, bool Unique, JsonElement? Default,
    IReadOnlyList<CustomFieldOptionResponse> Options, int Order, bool Retired, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CustomFieldResponse From(CustomFieldRow r)
    {
        var d = r.Definition;
        return new(r.Id, d.Kind, d.Key, d.Label, d.Type, d.Required, d.Unique, d.Default,
            [.. d.Options.Select(o => new CustomFieldOptionResponse(o.Key, o.Label, o.Retired))], d.Order, r.Retired, r.Version, r.CreatedAt, r.UpdatedAt);
    }
}

/// <summary>The custom fields asked for, by kind and form order.</summary>
public sealed record CustomFieldListResponse(IReadOnlyList<CustomFieldResponse> Items);

/// <summary>A custom field's operation log, oldest first.</summary>
public sealed record CustomFieldHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);
