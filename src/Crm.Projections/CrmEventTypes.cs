using Crm.Events;
using Crm.EventStore;

namespace Crm.Projections;

/// <summary>The engine's type registry filled from the CRM's event catalogue (Crm.Events cannot reference the engine).</summary>
public static class CrmEventTypes
{
    public static EventTypeRegistry CreateRegistry()
    {
        var registry = new EventTypeRegistry();
        foreach (var entry in EventCatalogue.All) registry.Register(entry.Type, entry.Name, entry.SchemaVersion);
        return registry;
    }
}
