using Crm.Events.Org;
using Crm.EventStore;

namespace Crm.Projections.Org;

/// <summary>A department as the read side shows it; one row of org.departments.</summary>
public sealed record DepartmentRow(Guid Id, string Name, Guid? ParentId, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The one fold for the department read model: the projection uses it to maintain the table and
    /// time travel uses it over a stream prefix, so "as of" and "now" can never disagree in shape.
    /// </summary>
    public static DepartmentRow? Evolve(DepartmentRow? row, StoredEvent e) => e.Data switch
    {
        DepartmentCreated c => new DepartmentRow(c.DepartmentId, c.Name, c.ParentId, e.Version, e.Timestamp, e.Timestamp),
        DepartmentRenamed r when row is not null => row with { Name = r.Name, Version = e.Version, UpdatedAt = e.Timestamp },
        DepartmentMoved m when row is not null => row with { ParentId = m.ParentId, Version = e.Version, UpdatedAt = e.Timestamp },
        // A deleted department leaves the tree (and the table); its stream keeps the history.
        DepartmentDeleted => null,
        _ when row is not null => row with { Version = e.Version },
        _ => row,
    };
}
