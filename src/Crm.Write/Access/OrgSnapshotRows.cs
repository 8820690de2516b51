using Crm.Projections.Access;

namespace Crm.Write.Access;

/// <summary>
/// The one way org rows become an <see cref="OrgSnapshot"/>: the live engine's rows from the read models and the rows an audit folds
/// from events as of a past moment go through the same mapping, so "then" is judged exactly as "now" would be.
/// </summary>
public static class OrgSnapshotRows
{
    public static OrgSnapshot ToSnapshot(this SnapshotRows rows) => new(rows.Version,
        [.. rows.Users.Select(u => new OrgUser(u.Id, u.DepartmentId, u.SuperiorId, u.RoleIds, u.IsSuperAdmin, u.IsDisabled))],
        [.. rows.Departments.Select(d => new OrgDepartment(d.Id, d.ParentId))],
        // A scope name this build does not know (written by a newer one) grants the narrowest scope, never a wider one.
        [.. rows.Roles.Select(r => new OrgRole(r.Id, r.Permissions.ToHashSet(StringComparer.Ordinal),
            DataScopes.TryParse(r.DataScope, out var scope) ? scope : DataScope.Self))]);
}
