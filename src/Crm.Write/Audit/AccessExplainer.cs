using Crm.Projections.Org;
using Crm.Write.Access;

namespace Crm.Write.Audit;

/// <summary>
/// Who could see a record, and why. The verdict per user is the live engine's own, given the org and the record of the moment:
/// the read permission (<see cref="OrgSnapshot.Can"/>, as the endpoint filter checks it) and <see cref="RecordAccess.Sees"/> (as the
/// detail route checks the record). Only the explanation is this class's: which of the user's roles, scopes, team places or pool
/// rights reached the record, each computed with the snapshot's own scope walk (<see cref="OrgSnapshot.ScopeOf"/>).
/// </summary>
public static class AccessExplainer
{
    public static IReadOnlyList<Viewer> Viewers(OrgThen org, RecordOnFile record, string permission)
    {
        var viewers = new List<Viewer>();
        foreach (var user in org.Users)
        {
            var caller = new Caller(user.Id, org.Snapshot);
            if (!caller.Can(permission) || !RecordAccess.Sees(caller, record, permission)) continue;
            viewers.Add(new Viewer(user.Id, user.DisplayName, user.DepartmentId, org.DepartmentName(user.DepartmentId),
                org.Snapshot.IsSuperAdmin(user.Id), org.RolesOf(user), Grants(org, user, record, permission)));
        }
        return viewers;
    }

    private static List<AccessGrant> Grants(OrgThen org, UserRow user, RecordOnFile record, string permission)
    {
        if (org.Snapshot.IsSuperAdmin(user.Id))
        {
            return [new(AccessRules.SuperAdministrator, AccessRules.ViaRecord,
                $"{user.DisplayName} was a super administrator: every permission, every record.")];
        }
        var grants = new List<AccessGrant>();
        var roles = org.RolesOf(user).Where(r => org.Snapshot.FindRole(r.Id)?.Permissions.Contains(permission) == true).ToList();
        var throughCustomer = record.Kind == Contacts.ContactReach.Kind;
        if (record.OwnerId is { } owner) grants.AddRange(roles.SelectMany(r => ByScope(org, user, r, owner, AccessRules.ViaOwner, record.Kind, permission)));
        else grants.AddRange(InPool(org, user, roles, record));
        foreach (var other in record.AlsoReachedThrough)
            grants.AddRange(roles.SelectMany(r => ByScope(org, user, r, other, AccessRules.ViaCustomerOwner, record.Kind, permission)));
        if (record.Team.TryGetValue(user.Id, out var access))
        {
            var whose = throughCustomer ? "its customer's" : $"the {record.Kind}'s";
            grants.Add(new(AccessRules.Team, throughCustomer ? AccessRules.ViaCustomerTeam : AccessRules.ViaTeam,
                $"{user.DisplayName} was on {whose} team with {access} access.", TeamAccess: access));
        }
        return grants;
    }

    // One role's data scope over one owner: the scope walk is the engine's; the words name who and where.
    private static IEnumerable<AccessGrant> ByScope(OrgThen org, UserRow user, RoleThen role, Guid owner, string via, string kind, string permission)
    {
        if (!DataScopes.TryParse(role.DataScope, out var scope)) scope = DataScope.Self;
        if (!org.Snapshot.ScopeOf(user.Id, scope).Includes(owner)) yield break;
        var whose = via == AccessRules.ViaCustomerOwner ? "its customer's owner" : "owner";
        var ownerRow = org.User(owner);
        var ownerName = ownerRow?.DisplayName ?? owner.ToString();
        var ownerDepartment = ownerRow?.DepartmentId;
        var of = $"role {role.Name} grants {permission}";
        if (owner == user.Id)
        {
            var owned = via == AccessRules.ViaCustomerOwner ? $"the {kind}'s customer" : $"the {kind}";
            yield return new(AccessRules.Owner, via, $"{user.DisplayName} owned {owned}; {of}, and every scope includes one's own records.",
                role.Id, role.Name, role.DataScope, owner, ownerDepartment);
            yield break;
        }
        var (rule, why, chain) = scope switch
        {
            DataScope.All => (AccessRules.All, $"scope all of {Role(role)} reaches every record", (IReadOnlyList<Guid>?)null),
            DataScope.SelfAndSubordinates => Subordinates(org, user, role, owner, ownerName, whose),
            DataScope.Department => (AccessRules.Department,
                $"scope department of {Role(role)} over {whose} {ownerName}, who was in {user.DisplayName}'s department "
                + $"{org.DepartmentName(ownerDepartment)}", null),
            DataScope.DepartmentAndChildren => (AccessRules.DepartmentAndChildren,
                $"scope department_and_children of {Role(role)} over {whose} {ownerName} in "
                + (ownerDepartment == user.DepartmentId
                    ? $"{user.DisplayName}'s own department {org.DepartmentName(ownerDepartment)}"
                    : $"department {org.DepartmentName(ownerDepartment)}, below {user.DisplayName}'s department {org.DepartmentName(user.DepartmentId)}"),
                null),
            _ => (AccessRules.Owner, $"scope self of {Role(role)}", null),
        };
        yield return new(rule, via, $"{Capital(why)}; it grants {permission}.", role.Id, role.Name, role.DataScope, owner, ownerDepartment, Chain: chain);
    }

    private static (string, string, IReadOnlyList<Guid>?) Subordinates(OrgThen org, UserRow user, RoleThen role, Guid owner, string ownerName,
        string whose)
    {
        var chain = org.ChainUp(owner, user.Id);
        var names = string.Join(" → ", chain.Select(id => org.User(id)?.DisplayName ?? id.ToString()));
        return (AccessRules.Subordinates, $"scope self_and_subordinates of {Role(role)} over {whose} {ownerName}, who reported to "
            + $"{user.DisplayName} ({names})", chain);
    }

    private static IEnumerable<AccessGrant> InPool(OrgThen org, UserRow user, IReadOnlyList<RoleThen> roles, RecordOnFile record)
    {
        foreach (var role in roles.Where(r => r.DataScope == DataScopes.NameOf(DataScope.All)))
            yield return new(AccessRules.All, AccessRules.ViaPool, $"The {record.Kind} was in the public pool; scope all of {Role(role)} reaches it.",
                role.Id, role.Name, role.DataScope);
        if (record.PoolPermission is { } pool && org.Snapshot.Can(user.Id, pool.Permission))
            yield return new(AccessRules.Pool, AccessRules.ViaPool, $"The {record.Kind} was in the public pool; {user.DisplayName} held {pool.Permission}.",
                PoolPermission: pool.Permission);
    }

    private static string Role(RoleThen role) => $"role {role.Name}";

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
