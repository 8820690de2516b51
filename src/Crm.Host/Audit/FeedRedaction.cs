using System.Collections;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Crm.Events;
using static Crm.Events.EventRecordShapes;

namespace Crm.Host.Audit;

/// <summary>
/// What the audit feed never shows: every property marked [Secret] on an event record or on a record inside it (a password hash), by
/// the event's stored name and the JSON path to it, read from the event catalogue so a secret added later is covered without touching
/// this. It fails closed: the data of an event whose type this build does not know, or whose stored schema version is not the one
/// these paths describe while the type has secrets, is withheld whole.
/// </summary>
public static class FeedRedaction
{
    public const string Redacted = "[redacted]";

    private static readonly FrozenDictionary<string, EventCatalogueEntry> Catalogue =
        EventCatalogue.All.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>Per event type, the JSON paths of its secrets ("passwordHash", "changes[].value").</summary>
    public static FrozenDictionary<string, string[]> SecretsByEventType { get; } = EventCatalogue.All
        .Select(e => (e.Name, Secrets: SecretPaths(e.Type).ToArray()))
        .Where(e => e.Secrets.Length > 0)
        .ToFrozenDictionary(e => e.Name, e => e.Secrets, StringComparer.Ordinal);

    /// <summary>The event's stored data with its secrets replaced by <see cref="Redacted"/>; null when it must be withheld whole.</summary>
    public static JsonObject? Data(string eventType, int schemaVersion, string json)
    {
        if (!Catalogue.TryGetValue(eventType, out var entry) || schemaVersion > entry.SchemaVersion) return null;
        var hasSecrets = SecretsByEventType.TryGetValue(eventType, out var secrets);
        if (hasSecrets && schemaVersion != entry.SchemaVersion) return null;
        return Apply(JsonNode.Parse(json) as JsonObject ?? [], secrets ?? []);
    }

    /// <summary>Replaces what <paramref name="paths"/> name in <paramref name="data"/> (names matched case-insensitively).</summary>
    public static JsonObject Apply(JsonObject data, IEnumerable<string> paths)
    {
        foreach (var path in paths) Redact(data, path.Split('.'));
        return data;
    }

    private static void Redact(JsonNode? node, ReadOnlySpan<string> path)
    {
        if (path.IsEmpty || node is not JsonObject obj) return;
        var (name, many) = path[0].EndsWith("[]", StringComparison.Ordinal) ? (path[0][..^2], true) : (path[0], false);
        // The registry reads property names case-insensitively: so does this.
        var key = obj.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        if (key is null) return;
        if (path.Length == 1 && !many)
        {
            obj[key] = Redacted;
            return;
        }
        if (many && obj[key] is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (path.Length == 1) items[i] = Redacted;
                else Redact(items[i], path[1..]);
            }
        }
        else Redact(obj[key], path[1..]);
    }

    /// <summary>The JSON paths of the [Secret] properties of <paramref name="type"/> and of the records (and lists of them) in it.</summary>
    public static IEnumerable<string> SecretPaths(Type type) => SecretPaths(type, "", 0);

    private static IEnumerable<string> SecretPaths(Type type, string prefix, int depth)
    {
        if (depth > 6) yield break;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = prefix + (property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            var (inner, many) = ElementOf(property.PropertyType);
            if (property.GetCustomAttribute<SecretAttribute>() is not null) yield return many ? name + "[]" : name;
            else if (IsOurRecord(inner))
            {
                foreach (var path in SecretPaths(inner, (many ? name + "[]" : name) + ".", depth + 1)) yield return path;
            }
        }
    }
}
