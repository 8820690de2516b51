using System.Text.Json;
using Crm.Events;
using Crm.Events.CustomFields;
using Crm.EventStore;
using Crm.Projections.Org;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.CustomFields;

/// <summary>A custom field's operation log, read straight from its stream: each attribute old → new (options and default as JSON).</summary>
public static class CustomFieldHistory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            CustomFieldDefined d => ("defined", Changes(null, d.Definition)),
            CustomFieldChanged c => ("changed", Changes(c.Previous, c.Definition)),
            CustomFieldRetired => ("retired", [new Change("retired", "false", "true")]),
            _ => (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }

    private static Change[] Changes(CustomFieldDefinition? before, CustomFieldDefinition after)
    {
        string?[] old = before is null ? new string?[Names.Length] : Texts(before);
        var next = Texts(after);
        return [.. Names.Select((n, i) => new Change(n, old[i], next[i])).Where(c => c.Old != c.New)];
    }

    private static readonly string[] Names = ["kind", "key", "label", "type", "required", "unique", "default", "options", "order"];

    private static string?[] Texts(CustomFieldDefinition d) =>
    [
        d.Kind, d.Key, d.Label, d.Type, d.Required ? "true" : "false", d.Unique ? "true" : "false", CustomJson.Canonical(d.Default),
        d.Options.Count == 0 ? null : JsonSerializer.Serialize(d.Options, Json), d.Order.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];
}
