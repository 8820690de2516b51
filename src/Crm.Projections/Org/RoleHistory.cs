using Crm.Events.Org;
using Crm.EventStore;

namespace Crm.Projections.Org;

/// <summary>
/// A role's operation log, read straight from its stream: who granted or revoked what, when, and
/// why (ORG-7). Permission changes list the granted and revoked permissions as well as old → new.
/// </summary>
public static class RoleHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            RoleCreated c => ("created", new[]
            {
                new FieldChange("name", null, c.Name), new FieldChange("description", null, c.Description),
                new FieldChange("permissions", null, Join(c.Permissions)), new FieldChange("dataScope", null, c.DataScope),
            }),
            RoleRenamed r => ("renamed", [new FieldChange("name", r.PreviousName, r.Name)]),
            RoleDescriptionChanged d => ("description-changed", [new FieldChange("description", d.PreviousDescription, d.Description)]),
            RolePermissionsChanged p => ("permissions-changed", new[]
            {
                new FieldChange("permissions", Join(p.PreviousPermissions), Join(p.Permissions)),
                new FieldChange("granted", null, Join(p.Granted)), new FieldChange("revoked", null, Join(p.Revoked)),
            }),
            RoleDataScopeChanged s => ("data-scope-changed", [new FieldChange("dataScope", s.PreviousDataScope, s.DataScope)]),
            RoleDeleted => ("deleted", Array.Empty<FieldChange>()),
            _ => (e.EventType, Array.Empty<FieldChange>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }

    private static string Join(IEnumerable<string> values) => string.Join(",", values);
}
