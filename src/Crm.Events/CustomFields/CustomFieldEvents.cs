namespace Crm.Events.CustomFields;

// Custom fields (SET-1): one stream per field, its id named by kind and key (CustomFieldIds), so a key is defined once per kind.
// Each event carries the whole definition, so the change log shows every attribute old → new from the event alone.

/// <summary>An administrator defined a custom field of a record kind.</summary>
public sealed record CustomFieldDefined(Guid FieldId, CustomFieldDefinition Definition);

/// <summary>The field's label, constraints, default, options or order changed; <paramref name="Previous"/> is the definition before.</summary>
public sealed record CustomFieldChanged(Guid FieldId, CustomFieldDefinition Definition, CustomFieldDefinition Previous);

/// <summary>
/// The field was retired: forms and filters no longer show it and new values are refused, but the values records hold stay in
/// their events and custom objects. Its key is never reused.
/// </summary>
public sealed record CustomFieldRetired(Guid FieldId, string Kind, string Key);
