using Crm.Events.Org;
using Crm.EventStore;

namespace Crm.Projections.Org;

/// <summary>A position as the read side shows it; one row of org.positions.</summary>
public sealed record PositionRow(Guid Id, string Name, Guid DepartmentId, Guid? SuperiorPositionId, long Version, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The one fold for the position read model, shared by the projection and time travel.</summary>
    public static PositionRow? Evolve(PositionRow? row, StoredEvent e) => e.Data switch
    {
        PositionCreated c => new PositionRow(c.PositionId, c.Name, c.DepartmentId, c.SuperiorPositionId, e.Version, e.Timestamp, e.Timestamp),
        PositionRenamed r when row is not null => row with { Name = r.Name, Version = e.Version, UpdatedAt = e.Timestamp },
        PositionDepartmentChanged d when row is not null => row with { DepartmentId = d.DepartmentId, Version = e.Version, UpdatedAt = e.Timestamp },
        PositionSuperiorChanged s when row is not null => row with { SuperiorPositionId = s.SuperiorPositionId, Version = e.Version, UpdatedAt = e.Timestamp },
        PositionDeleted => null,
        _ when row is not null => row with { Version = e.Version },
        _ => row,
    };
}
