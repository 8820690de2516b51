using System.Collections;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Crm.Events;
using static Crm.Events.EventRecordShapes;
using Crm.EventStore;

namespace Crm.Write.Erasure;

/// <summary>
/// How an erasure masks a stored event (docs/event-store.md, "Erasure"): every value the event catalogue marks [PersonalData] — on the
/// event record or a record inside it — becomes <see cref="PersonalData.Erased"/>, and so do the old and new values of an edit's changes
/// that name a personal field ([PersonalChanges]). Nulls stay null and the JSON keeps its shape, so the event still reads and folds.
/// Names are matched case-insensitively, as the registry reads them; an event stored at an older schema version is masked by the same
/// names (a renamed personal field would need its old name here too).
/// </summary>
public static class PersonalDataMask
{
    private sealed record Plan(string[] Values, (string Name, bool Many, Plan Inner)[] Records, (string Name, string[] Fields)[] Changes)
    {
        public bool IsEmpty => Values.Length == 0 && Records.Length == 0 && Changes.Length == 0;
    }

    private static readonly FrozenDictionary<string, Plan> Plans = EventCatalogue.All
        .Select(e => (e.Name, Plan: PlanOf(e.Type, 0)))
        .Where(e => !e.Plan.IsEmpty)
        .ToFrozenDictionary(e => e.Name, e => e.Plan, StringComparer.Ordinal);

    /// <summary>The erasure of <paramref name="streamId"/>'s earlier events, recorded as erasing <paramref name="fields"/>.</summary>
    public static StreamErasure Of(Guid streamId, IReadOnlyList<string> fields) => new(streamId, fields, e =>
    {
        // An event this build cannot read (a type it does not know, a schema newer than its own: a newer host wrote it during a
        // rolling deploy) may hold personal values under names it does not know: refuse the erasure (it rolls back whole) rather
        // than report it done with values left in.
        if (!Known.TryGetValue(e.EventType, out var version) || e.SchemaVersion > version)
            throw new UnmaskableEventException(e.EventType, e.SchemaVersion);
        return Mask(e.EventType, e.Data);
    });

    private static readonly FrozenDictionary<string, int> Known =
        EventCatalogue.All.ToFrozenDictionary(e => e.Name, e => e.SchemaVersion, StringComparer.Ordinal);

    /// <summary>The event's JSON with its personal values masked; null when its type holds none (or this build does not know it).</summary>
    public static string? Mask(string eventType, string json)
    {
        if (!Plans.TryGetValue(eventType, out var plan) || JsonNode.Parse(json) is not JsonObject data) return null;
        Apply(data, plan);
        return data.ToJsonString();
    }

    private static void Apply(JsonObject data, Plan plan)
    {
        foreach (var name in plan.Values)
        {
            if (Key(data, name) is { } key && data[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String) data[key] = PersonalData.Erased;
        }
        foreach (var (name, many, inner) in plan.Records)
        {
            if (Key(data, name) is not { } key) continue;
            if (!many && data[key] is JsonObject one) Apply(one, inner);
            if (many && data[key] is JsonArray items) foreach (var item in items.OfType<JsonObject>()) Apply(item, inner);
        }
        foreach (var (name, fields) in plan.Changes)
        {
            if (Key(data, name) is not { } key || data[key] is not JsonArray changes) continue;
            foreach (var change in changes.OfType<JsonObject>())
            {
                if (Key(change, "field") is not { } f || change[f]?.GetValue<string>() is not { } field || !fields.Contains(field)) continue;
                foreach (var side in new[] { "old", "new" })
                {
                    if (Key(change, side) is { } k && change[k] is JsonValue v && v.GetValueKind() == JsonValueKind.String) change[k] = PersonalData.Erased;
                }
            }
        }
    }

    private static string? Key(JsonObject data, string name) =>
        data.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    private static Plan PlanOf(Type type, int depth)
    {
        var values = new List<string>();
        var records = new List<(string, bool, Plan)>();
        var changes = new List<(string, string[])>();
        if (depth > 6) return new Plan([], [], []);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (property.GetCustomAttribute<PersonalDataAttribute>() is not null) values.Add(name);
            else if (property.GetCustomAttribute<PersonalChangesAttribute>() is { } personal)
                changes.Add((name, [.. PersonalData.FieldsOf(personal.FieldsType)]));
            else if (ElementOf(property.PropertyType) is var (inner, many) && IsOurRecord(inner) && PlanOf(inner, depth + 1) is { IsEmpty: false } plan)
                records.Add((name, many, plan));
        }
        return new Plan([.. values], [.. records], [.. changes]);
    }
}

/// <summary>
/// An erasure met an event this build cannot mask: it rolls back whole. A command never gets here today (loading the record fails
/// first on such an event); the mask refuses for any caller that erases without folding the stream.
/// </summary>
public sealed class UnmaskableEventException(string eventType, int schemaVersion)
    : Exception($"The record holds {eventType} v{schemaVersion}, which this build cannot mask: erase it once every host runs the newer build.");
