using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Events;

namespace Crm.Host.Audit;

/// <summary>
/// What the audit feed never shows: every property marked [Secret] on an event record (a password hash), by the event's stored
/// name and the property's JSON name, read from the event catalogue so a secret added later is covered without touching this.
/// </summary>
public static class FeedRedaction
{
    public const string Redacted = "[redacted]";

    public static FrozenDictionary<string, string[]> SecretsByEventType { get; } = EventCatalogue.All
        .Select(e => (e.Name, Secrets: e.Type.GetProperties().Where(p => p.GetCustomAttribute<SecretAttribute>() is not null)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToArray()))
        .Where(e => e.Secrets.Length > 0)
        .ToFrozenDictionary(e => e.Name, e => e.Secrets, StringComparer.Ordinal);

    /// <summary>The event's stored data with its secrets replaced by <see cref="Redacted"/>.</summary>
    public static JsonObject Data(string eventType, string json)
    {
        var data = JsonNode.Parse(json) as JsonObject ?? [];
        if (!SecretsByEventType.TryGetValue(eventType, out var secrets)) return data;
        foreach (var name in secrets)
        {
            if (data.ContainsKey(name)) data[name] = Redacted;
        }
        return data;
    }
}
