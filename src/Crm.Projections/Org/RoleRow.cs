using Crm.Events.Org;
using Crm.EventStore;

namespace Crm.Projections.Org;

/// <summary>A role as the read side shows it; one row of org.roles.</summary>
public sealed record RoleRow(
    Guid Id, string Name, string Description, IReadOnlyList<string> Permissions, string DataScope, bool IsDeleted,
    long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The one fold for the role read model, shared by the projection and time travel.</summary>
    public static RoleRow? Evolve(RoleRow? row, StoredEvent e) => e.Data switch
    {
        RoleCreated c => new RoleRow(c.RoleId, c.Name, c.Description, Sorted(c.Permissions), c.DataScope, false, e.Version, e.Timestamp, e.Timestamp),
        RoleRenamed r when row is not null => row with { Name = r.Name, Version = e.Version, UpdatedAt = e.Timestamp },
        RoleDescriptionChanged d when row is not null => row with { Description = d.Description, Version = e.Version, UpdatedAt = e.Timestamp },
        RolePermissionsChanged p when row is not null => row with { Permissions = Sorted(p.Permissions), Version = e.Version, UpdatedAt = e.Timestamp },
        RoleDataScopeChanged s when row is not null => row with { DataScope = s.DataScope, Version = e.Version, UpdatedAt = e.Timestamp },
        RoleDeleted when row is not null => row with { IsDeleted = true, Version = e.Version, UpdatedAt = e.Timestamp },
        _ when row is not null => row with { Version = e.Version },
        _ => row,
    };

    private static string[] Sorted(IEnumerable<string> permissions) => permissions.Order(StringComparer.Ordinal).ToArray();
}
