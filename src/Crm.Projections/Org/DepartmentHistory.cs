using Crm.Events.Org;
using Crm.EventStore;

namespace Crm.Projections.Org;

/// <summary>One field's change in an operation-log entry; values are rendered as strings (ids too) for display.</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>One event of a record's history, as the operation log shows it.</summary>
public sealed record HistoryEntry(long Version, DateTimeOffset At, string Action, string EventType, Guid? ActorId, string? RequestId,
    IReadOnlyList<FieldChange> Changes);

/// <summary>A department's operation log, read straight from its stream: the events are the audit trail.</summary>
public static class DepartmentHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            DepartmentCreated c => ("created", c.ParentId is null
                ? [new FieldChange("name", null, c.Name)]
                : new[] { new FieldChange("name", null, c.Name), new FieldChange("parentId", null, c.ParentId.ToString()) }),
            DepartmentRenamed r => ("renamed", [new FieldChange("name", r.PreviousName, r.Name)]),
            DepartmentMoved m => ("moved", [new FieldChange("parentId", m.PreviousParentId?.ToString(), m.ParentId?.ToString())]),
            DepartmentDeleted d => ("deleted", [new FieldChange("name", d.Name, null)]),
            _ => (e.EventType, Array.Empty<FieldChange>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }
}
