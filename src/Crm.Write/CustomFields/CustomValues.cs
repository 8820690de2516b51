using System.Text.Json;
using Crm.Events;

namespace Crm.Write.CustomFields;

/// <summary>What a record's custom object becomes after a write, and the users its user fields name (the handler checks those).</summary>
/// <param name="Custom">The whole object, keys in ordinal order; empty when the record has no custom value.</param>
public sealed record CustomMerge(IReadOnlyDictionary<string, JsonElement> Custom, IReadOnlyList<(string Field, Guid UserId)> Users);

/// <summary>
/// A record's <c>custom</c> object checked against its kind's definitions (SET-1), the one check every kind's decider runs. Only
/// defined, live keys are taken (an unknown or retired key is refused as <c>custom.&lt;key&gt;</c>); each value must be of its
/// field's type; a create gets the defaults of fields not sent and must hold every required field; an edit changes the keys sent
/// (null clears one) and keeps the others. Values are flat: no nesting beyond a multi select's list of option keys.
/// </summary>
public static class CustomValues
{
    public const int MaxBytes = 32 * 1024;
    public const int MaxKeys = 200;

    /// <param name="fields">The kind's live definitions.</param>
    /// <param name="sent">The custom object as the client sent it; null or absent: no change (a create still gets defaults).</param>
    /// <param name="current">The record's custom object now; null on create.</param>
    public static (CustomMerge? Merge, IReadOnlyList<FieldError> Errors) Merge(
        IReadOnlyList<CustomFieldDefinition> fields, JsonElement? sent, JsonElement? current, bool create)
    {
        var errors = new List<FieldError>();
        var values = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        if (current is { ValueKind: JsonValueKind.Object } now)
        {
            foreach (var p in now.EnumerateObject()) values[p.Name] = p.Value.Clone();
        }
        var byKey = fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        if (sent is { } body && body.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            if (body.ValueKind != JsonValueKind.Object)
                return (null, [new FieldError("custom", "custom_invalid", "custom is a JSON object of custom field values keyed by field key.")]);
            if (CustomJson.Canonical(body).Length > MaxBytes || body.EnumerateObject().Count() > MaxKeys)
                return (null, [new FieldError("custom", "custom_too_large", $"custom has at most {MaxKeys} keys and {MaxBytes / 1024} KiB of JSON.")]);
            foreach (var p in body.EnumerateObject())
            {
                if (!touched.Add(p.Name))
                {
                    errors.Add(new FieldError("custom." + p.Name, "custom_field_repeated", $"custom.{p.Name} is sent twice."));
                    continue;
                }
                if (!byKey.TryGetValue(p.Name, out var field))
                {
                    errors.Add(Unknown(p.Name));
                    continue;
                }
                var (value, error) = CustomValue.Check(field, p.Value, values.TryGetValue(p.Name, out var held) ? held : null);
                if (error is not null) errors.Add(error);
                else if (value is { } v) values[p.Name] = v;
                else values.Remove(p.Name);
            }
        }
        foreach (var field in fields)
        {
            if (create && !touched.Contains(field.Key) && field.Default is { } fallback) values[field.Key] = fallback.Clone();
            if (field.Required && (create || touched.Contains(field.Key)) && !values.ContainsKey(field.Key)
                && errors.All(e => e.Field != "custom." + field.Key))
                errors.Add(new FieldError("custom." + field.Key, "custom_field_required", $"custom.{field.Key} ({field.Label}) is required."));
        }
        if (errors.Count > 0) return (null, errors);
        var users = fields.Where(f => f.Type == CustomFieldTypes.User && touched.Contains(f.Key) && values.ContainsKey(f.Key))
            .Select(f => ("custom." + f.Key, Guid.Parse(values[f.Key].GetString()!))).ToList();
        return (new CustomMerge(values, users), []);
    }

    public static FieldError Unknown(string key) =>
        new("custom." + key, "custom_field_unknown", $"custom.{key} is not a custom field of this kind (or it was retired).");

    /// <summary>The object as one JSON element (canonical: keys in ordinal order).</summary>
    public static JsonElement ToJson(IReadOnlyDictionary<string, JsonElement> values) =>
        CustomJson.Normalized(JsonSerializer.SerializeToElement(values));
}
