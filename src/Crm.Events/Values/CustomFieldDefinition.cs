using System.Text.Json;

namespace Crm.Events;

/// <summary>
/// One option of a select field (SET-1): <paramref name="Key"/> is what records store and never changes; <paramref name="Label"/> is
/// display only, so renaming an option keeps every stored value and every history entry readable. A retired option keeps its
/// label for the values that hold it, but new values cannot choose it.
/// </summary>
public sealed record CustomFieldOption(string Key, string Label, bool Retired = false);

/// <summary>
/// A custom field of one record kind as administrators defined it (SET-1). Records store the field's value under
/// <paramref name="Key"/> in their custom object; the key and the type never change once defined.
/// </summary>
/// <param name="Kind">lead, customer, contact, opportunity, contract or product.</param>
/// <param name="Key">Lower-case letters, digits and underscores, starting with a letter; unique per kind, forever.</param>
/// <param name="Label">What forms show.</param>
/// <param name="Type">text, long_text, number, money, date, datetime, single_select, multi_select, boolean, phone, email or user.</param>
/// <param name="Required">A record cannot be created, nor a value cleared, without it.</param>
/// <param name="Unique">No two live records of the kind hold the same value (text, number, phone, email only).</param>
/// <param name="Default">The value a new record gets when none is sent (JSON of the field's type), or null.</param>
/// <param name="Options">The choices of a select field, in the order forms show them; empty for other types.</param>
/// <param name="Order">Where forms place the field among the kind's custom fields (ascending).</param>
public sealed record CustomFieldDefinition(
    string Kind, string Key, string Label, string Type, bool Required, bool Unique, JsonElement? Default, IReadOnlyList<CustomFieldOption> Options,
    int Order);
