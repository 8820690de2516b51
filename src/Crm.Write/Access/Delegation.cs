namespace Crm.Write.Access;

/// <summary>
/// The rule against self-escalation: nobody hands out rights they do not hold themselves. A holder
/// "holds" a permission at a data scope when one of their roles grants it at that scope or a wider one
/// (<see cref="DataScope"/> is ordered narrowest to widest). For a permission whose module has no
/// record owners, the scope limits nothing, so holding it at any scope is enough.
/// </summary>
public static class Delegation
{
    /// <summary>
    /// The permissions (in the order given, without duplicates) that <paramref name="holderRoles"/> do not grant
    /// at <paramref name="scope"/> or wider.
    /// </summary>
    /// <remarks>Names not in the catalogue are left out: refusing them is the role decider's part (a 400 naming the field).</remarks>
    public static IReadOnlyList<string> Beyond(IEnumerable<OrgRole> holderRoles, IEnumerable<string?> permissions, DataScope scope)
    {
        var roles = holderRoles.ToList();
        var beyond = new List<string>();
        foreach (var name in permissions.Distinct(StringComparer.Ordinal))
        {
            if (name is null || PermissionCatalogue.Find(name) is not { } permission) continue;
            var held = roles.Any(r => r.Permissions.Contains(permission.Name) && (!permission.OwnerScoped || r.Scope >= scope));
            if (!held) beyond.Add(permission.Name);
        }
        return beyond;
    }

    /// <summary>The permissions of <paramref name="role"/> that <paramref name="holderRoles"/> do not hold at the role's scope.</summary>
    public static IReadOnlyList<string> Beyond(IEnumerable<OrgRole> holderRoles, OrgRole role) => Beyond(holderRoles, role.Permissions, role.Scope);
}
