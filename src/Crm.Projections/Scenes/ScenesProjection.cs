using Crm.Events;
using Crm.Events.Scenes;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Scenes;

/// <summary>crm.scenes, inline with the scene stream.</summary>
public sealed class ScenesProjection() : TableProjection<SceneRow>("crm.scenes", SceneSql.Binder)
{
    public override string Name => "crm.scenes";

    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(SceneCreated).Namespace).Select(e => e.Type).ToArray();

    protected override SceneRow? Evolve(SceneRow? current, Guid key, StoredEvent e) => SceneRow.Evolve(current, e);
}
