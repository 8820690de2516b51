using Crm.Events.Org;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Org;

/// <summary>
/// org.roles, inline: it commits with the role's events, so a client reads its own writes, the user
/// commands see a role as soon as it exists, and the permission engine sees every committed edit.
/// </summary>
public sealed class RolesProjection() : TableProjection<RoleRow>("org.roles", RoleSql.Binder)
{
    public override string Name => "org.roles";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(RoleCreated), typeof(RoleRenamed), typeof(RoleDescriptionChanged),
        typeof(RolePermissionsChanged), typeof(RoleDataScopeChanged), typeof(RoleDeleted),
    ];

    protected override RoleRow? Evolve(RoleRow? current, Guid key, StoredEvent e) => RoleRow.Evolve(current, e);
}
