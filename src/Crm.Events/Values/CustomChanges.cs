using System.Text.Json;

namespace Crm.Events;

/// <summary>
/// A record's custom object in its field changes (SET-1): one change per key, "custom.&lt;key&gt;", each value as its JSON text
/// (<see cref="CustomJson"/>), null for none; so history shows each custom field old → new. Shared by deciders and read models.
/// </summary>
public static class CustomChanges
{
    public const string Prefix = "custom.";

    public static IReadOnlyList<FieldChange> Between(JsonElement? before, JsonElement? after)
    {
        var old = Texts(before);
        var next = Texts(after);
        return old.Keys.Union(next.Keys).Order(StringComparer.Ordinal)
            .Select(k => new FieldChange(Prefix + k, old.GetValueOrDefault(k), next.GetValueOrDefault(k)))
            .Where(c => c.Old != c.New).ToList();
    }

    /// <summary>The object after the custom changes among <paramref name="changes"/> (others are ignored); null when it is empty.</summary>
    public static JsonElement? Apply(JsonElement? custom, IEnumerable<FieldChange> changes)
    {
        var mine = changes.Where(c => c.Field.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        if (mine.Count == 0) return custom;
        var values = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        if (custom is { ValueKind: JsonValueKind.Object } o)
        {
            foreach (var p in o.EnumerateObject()) values[p.Name] = p.Value;
        }
        foreach (var c in mine)
        {
            var key = c.Field[Prefix.Length..];
            if (c.New is null) values.Remove(key);
            else
            {
                using var document = JsonDocument.Parse(c.New);
                values[key] = document.RootElement.Clone();
            }
        }
        return values.Count == 0 ? null : CustomJson.Normalized(JsonSerializer.SerializeToElement(values));
    }

    private static Dictionary<string, string> Texts(JsonElement? custom) => custom is { ValueKind: JsonValueKind.Object } o
        ? o.EnumerateObject().ToDictionary(p => p.Name, p => CustomJson.Canonical(p.Value), StringComparer.Ordinal)
        : new Dictionary<string, string>(StringComparer.Ordinal);
}
