using Crm.Events.Org;
using Crm.EventStore;

namespace Crm.Projections.Org;

/// <summary>A position's operation log, read straight from its stream.</summary>
public static class PositionHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            PositionCreated c => ("created", new[]
            {
                new FieldChange("name", null, c.Name), new FieldChange("departmentId", null, c.DepartmentId.ToString()),
                new FieldChange("superiorPositionId", null, c.SuperiorPositionId?.ToString()),
            }),
            PositionRenamed r => ("renamed", [new FieldChange("name", r.PreviousName, r.Name)]),
            PositionDepartmentChanged d => ("department-changed", [new FieldChange("departmentId", d.PreviousDepartmentId.ToString(),
                d.DepartmentId.ToString())]),
            PositionSuperiorChanged s => ("superior-changed",
                [new FieldChange("superiorPositionId", s.PreviousSuperiorPositionId?.ToString(), s.SuperiorPositionId?.ToString())]),
            PositionDeleted d => ("deleted", [new FieldChange("name", d.Name, null)]),
            _ => (e.EventType, Array.Empty<FieldChange>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }
}
