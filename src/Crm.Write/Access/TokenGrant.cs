using System.Collections.Frozen;

namespace Crm.Write.Access;

/// <summary>
/// What an API token narrows its creator's rights to (SET-5): a caller signed in with a token may do only what both its creator's roles
/// and the token allow, and see only the records both the creator's roles and the token's data scope reach. Never a super administrator.
/// </summary>
public sealed record TokenGrant(Guid TokenId, FrozenSet<string> Permissions, DataScope Scope)
{
    /// <summary>The creator's roles as the token narrows them: each keeps the token's permissions, at the narrower of the two scopes.</summary>
    public IReadOnlyList<OrgRole> Narrow(OrgSnapshot snapshot, Guid actorId) => snapshot.IsSuperAdmin(actorId)
        ? [new OrgRole(Guid.Empty, Permissions, Scope)]
        : [.. snapshot.RolesHeldBy(actorId).Select(r => r with
        {
            Permissions = [.. r.Permissions.Where(Permissions.Contains)],
            Scope = r.Scope < Scope ? r.Scope : Scope,
        })];
}
