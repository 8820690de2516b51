using Crm.Host.Access;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Org;

namespace Crm.Host.Org;

/// <summary>
/// What the caller may hand out (docs/permissions.md, "Handing out rights"): nobody changes their own
/// roles or edits a role they hold, and every role given or taken away, created or reshaped, stays
/// within the caller's own rights. Super administrators are bound by none of this. The caller's rights
/// are read from the request's org snapshot; the record's current state comes from the command cycle.
/// </summary>
public sealed class RoleGrants(CallerAccess caller)
{
    private bool Unbounded => caller.Snapshot.IsSuperAdmin(caller.ActorId);

    private IReadOnlyList<OrgRole> Own => caller.Snapshot.RolesHeldBy(caller.ActorId);

    /// <summary>Replacing a user's roles: never one's own; each role added or taken away within the caller's rights.</summary>
    /// <remarks>Role ids that do not exist are left to the decider (422).</remarks>
    public DomainError? MaySetRoles(Guid userId, IEnumerable<Guid> current, IEnumerable<Guid>? wanted)
    {
        if (Unbounded || wanted is null) return null;
        if (userId == caller.ActorId) return IdentityRefusals.OwnRoles();
        var before = current.ToHashSet();
        var after = wanted.ToHashSet();
        foreach (var roleId in before.Except(after).Concat(after.Except(before)).Order())
        {
            if (caller.Snapshot.FindRole(roleId) is { } role && Delegation.Beyond(Own, role) is { Count: > 0 } beyond)
                return IdentityRefusals.BeyondRights($"Role {roleId}", beyond, DataScopes.NameOf(role.Scope));
        }
        return null;
    }

    /// <summary>
    /// Taking over a user's sign-in (a password reset) is acting with their rights: refused when they hold
    /// a role beyond the caller's own, so a password reset is never a way up.
    /// </summary>
    public DomainError? MayActAs(Guid userId, IEnumerable<Guid> userRoleIds)
    {
        if (Unbounded || userId == caller.ActorId) return null;
        foreach (var roleId in userRoleIds.Order())
        {
            if (caller.Snapshot.FindRole(roleId) is { } role && Delegation.Beyond(Own, role) is { Count: > 0 } beyond)
                return IdentityRefusals.BeyondRights($"User {userId}'s role {roleId}", beyond, DataScopes.NameOf(role.Scope));
        }
        return null;
    }

    /// <summary>A role carrying these permissions at this scope: within the caller's rights?</summary>
    /// <remarks>An unknown scope or permission name is left to the decider (400 naming the field).</remarks>
    public DomainError? MayShape(string what, IEnumerable<string?>? permissions, string? scope)
    {
        if (Unbounded || permissions is null || !DataScopes.TryParse(scope, out var parsed)) return null;
        var beyond = Delegation.Beyond(Own, permissions, parsed);
        return beyond.Count > 0 ? IdentityRefusals.BeyondRights(what, beyond, DataScopes.NameOf(parsed)) : null;
    }

    /// <summary>Nobody edits a role they hold: widening it would widen their own rights.</summary>
    public DomainError? MayEdit(Guid roleId) =>
        !Unbounded && caller.Snapshot.Holds(caller.ActorId, roleId) ? IdentityRefusals.OwnRole(roleId) : null;
}
