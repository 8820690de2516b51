using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crm.EventStore;

/// <summary>
/// Maps stable event type names ("department.created") to CLR records and back. CLR names never reach
/// the database, so records can be renamed or moved freely. Each name has a current schema version;
/// events stored under an older version pass through the registered upcasters, oldest first, before
/// they are deserialized.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Registration> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Registration> byType = [];
    private readonly Dictionary<(string Name, int FromVersion), Func<JsonObject, JsonObject>> upcasters = [];
    private FrozenDictionary<string, Registration>? frozenByName;
    private FrozenDictionary<Type, Registration>? frozenByType;

    public EventTypeRegistry(JsonSerializerOptions? serializerOptions = null)
    {
        SerializerOptions = serializerOptions ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
    }

    public JsonSerializerOptions SerializerOptions { get; }

    public sealed record Registration(string Name, Type Type, int SchemaVersion);

    /// <summary>Registers <typeparamref name="T"/> under a stable name at its current schema version.</summary>
    public EventTypeRegistry Register<T>(string name, int schemaVersion = 1) => Register(typeof(T), name, schemaVersion);

    public EventTypeRegistry Register(Type type, string name, int schemaVersion = 1)
    {
        ThrowIfFrozen();
        if (string.IsNullOrWhiteSpace(name)) throw new EventTypeException("An event type name cannot be empty.");
        if (schemaVersion < 1) throw new EventTypeException($"Schema version of '{name}' must be at least 1.");
        if (byName.ContainsKey(name)) throw new EventTypeException($"Event type name '{name}' is registered twice.");
        if (byType.TryGetValue(type, out var other)) throw new EventTypeException($"{type.Name} is registered as '{other.Name}' and '{name}'.");
        var registration = new Registration(name, type, schemaVersion);
        byName[name] = registration;
        byType[type] = registration;
        return this;
    }

    /// <summary>Turns the JSON of <paramref name="name"/> at <paramref name="fromVersion"/> into its shape at fromVersion + 1.</summary>
    public EventTypeRegistry Upcast(string name, int fromVersion, Func<JsonObject, JsonObject> upcaster)
    {
        ThrowIfFrozen();
        if (!upcasters.TryAdd((name, fromVersion), upcaster))
            throw new EventTypeException($"Upcaster for '{name}' v{fromVersion} is registered twice.");
        return this;
    }

    /// <summary>Checks every upcaster chain is complete; the registry is read-only afterwards.</summary>
    public EventTypeRegistry Freeze()
    {
        if (frozenByName is not null) return this;
        foreach (var (name, fromVersion) in upcasters.Keys)
        {
            if (!byName.TryGetValue(name, out var registration))
                throw new EventTypeException($"Upcaster for unknown event type '{name}'.");
            if (fromVersion < 1 || fromVersion >= registration.SchemaVersion)
                throw new EventTypeException($"Upcaster for '{name}' from v{fromVersion} is outside 1..{registration.SchemaVersion - 1}.");
        }
        foreach (var registration in byName.Values)
        {
            for (var v = 1; v < registration.SchemaVersion; v++)
            {
                if (!upcasters.ContainsKey((registration.Name, v)))
                    throw new EventTypeException($"'{registration.Name}' is at v{registration.SchemaVersion} but has no upcaster from v{v}.");
            }
        }
        frozenByName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        frozenByType = byType.ToFrozenDictionary();
        return this;
    }

    public IReadOnlyCollection<Registration> Registrations => byName.Values;

    public bool IsRegistered(string name) => (frozenByName ?? (IReadOnlyDictionary<string, Registration>)byName).ContainsKey(name);

    public Registration For(Type type) =>
        (frozenByType ?? (IReadOnlyDictionary<Type, Registration>)byType).TryGetValue(type, out var r)
            ? r
            : throw new EventTypeException($"{type.FullName} is not a registered event type.");

    public Registration For(string name) =>
        (frozenByName ?? (IReadOnlyDictionary<string, Registration>)byName).TryGetValue(name, out var r)
            ? r
            : throw new EventTypeException($"'{name}' is not a registered event type.");

    public string Serialize(object data) => JsonSerializer.Serialize(data, For(data.GetType()).Type, SerializerOptions);

    /// <summary>Reads stored JSON of <paramref name="name"/> at <paramref name="schemaVersion"/> into the current record.</summary>
    public object Deserialize(string name, int schemaVersion, string json)
    {
        var registration = For(name);
        if (schemaVersion == registration.SchemaVersion)
            return JsonSerializer.Deserialize(json, registration.Type, SerializerOptions)
                   ?? throw new EventTypeException($"Event '{name}' has null data.");
        if (schemaVersion > registration.SchemaVersion)
            throw new EventTypeException($"Event '{name}' is stored at v{schemaVersion}, newer than this build's v{registration.SchemaVersion}.");

        var node = JsonNode.Parse(json) as JsonObject ?? throw new EventTypeException($"Event '{name}' data is not a JSON object.");
        for (var v = schemaVersion; v < registration.SchemaVersion; v++)
        {
            if (!upcasters.TryGetValue((name, v), out var upcast))
                throw new EventTypeException($"No upcaster for '{name}' from v{v}.");
            node = upcast(node);
        }
        return node.Deserialize(registration.Type, SerializerOptions)
               ?? throw new EventTypeException($"Event '{name}' has null data.");
    }

    private void ThrowIfFrozen()
    {
        if (frozenByName is not null) throw new InvalidOperationException("The event type registry is frozen once the store uses it.");
    }
}
