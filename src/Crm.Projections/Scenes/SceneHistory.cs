using Crm.Events.Scenes;
using Crm.EventStore;
using Crm.Projections.Org;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Scenes;

/// <summary>A scene's operation log, read straight from its stream.</summary>
public static class SceneHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            SceneCreated x => ("created", new[]
            {
                new Change("kind", null, x.Kind), new Change("name", null, x.Name), new Change("filter", null, x.Filter),
                new Change("sort", null, x.Sort), new Change("q", null, x.Q),
                new Change("order", null, x.Order.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            }.Where(c => c.New is not null).ToArray()),
            SceneRenamed x => ("renamed", [new Change("name", x.OldName, x.NewName)]),
            SceneFilterChanged x => ("filter_changed", x.Changes.Select(c => new Change(c.Field, c.Old, c.New)).ToArray()),
            SceneMadeDefault x => ("made_default", [new Change("isDefault", "false", "true")]),
            SceneDefaultCleared x => ("default_cleared", [new Change("isDefault", "true", "false")]),
            SceneDeleted x => ("deleted", [new Change("name", x.Name, null)]),
            _ => (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }
}
