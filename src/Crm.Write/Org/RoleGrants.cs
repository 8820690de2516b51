using Crm.Write.Access;

namespace Crm.Write.Org;

/// <summary>
/// What the caller may hand out (docs/permissions.md, "Handing out rights"): nobody changes their own
/// roles or edits a role they hold, and every role given or taken away, created or reshaped, stays
/// within the caller's own rights. Super administrators are bound by none of this. The caller's rights
/// are read from the request's org snapshot; the record's current state comes from the command cycle.
/// </summary>
public sealed class RoleGrants(Caller caller)
{
    private bool Unbounded => caller.IsSuperAdmin;

    private IReadOnlyList<OrgRole> Own => caller.Grant?.Narrow(caller.Snapshot, caller.ActorId) ?? caller.Snapshot.RolesHeldBy(caller.ActorId);

    /// <summary>Replacing a user's roles: never one's own; each role added or taken away within the caller's rights.</summary>
    /// <param name="unknown">Role ids that do not exist: left to the decider (422).</param>
    public DomainError? MaySetRoles(Guid userId, IEnumerable<Guid> current, IEnumerable<Guid>? wanted, IReadOnlyCollection<Guid> unknown)
    {
        if (Unbounded || wanted is null) return null;
        if (userId == caller.ActorId) return IdentityRefusals.OwnRoles();
        var before = current.ToHashSet();
        var after = wanted.ToHashSet();
        return FirstBeyond(before.Except(after).Concat(after.Except(before)).Except(unknown));
    }

    /// <summary>
    /// Taking over a user's sign-in (a password reset) is acting with their rights: refused when they hold
    /// a role beyond the caller's own, so a password reset is never a way up. Nobody resets their own
    /// password here: a stolen short-lived token must not become a permanent sign-in (the change-password
    /// endpoint asks for the current password).
    /// </summary>
    /// <param name="unknown">Roles the user holds that no longer exist: they grant nothing.</param>
    public DomainError? MayActAs(Guid userId, IEnumerable<Guid> userRoleIds, IReadOnlyCollection<Guid> unknown)
    {
        if (userId == caller.ActorId) return IdentityRefusals.OwnPassword();
        return Unbounded ? null : FirstBeyond(userRoleIds.Except(unknown));
    }

    /// <summary>
    /// The first role carrying rights beyond the caller's. A role missing from the request's snapshot (made
    /// or reshaped since) has no shape the caller's rights were checked against, so it counts as beyond them.
    /// </summary>
    private DomainError? FirstBeyond(IEnumerable<Guid> roleIds)
    {
        foreach (var roleId in roleIds.Order())
        {
            if (caller.Snapshot.FindRole(roleId) is not { } role) return IdentityRefusals.BeyondRights([], null);
            if (Delegation.Beyond(Own, role) is { Count: > 0 } beyond) return IdentityRefusals.BeyondRights(beyond, DataScopes.NameOf(role.Scope));
        }
        return null;
    }

    /// <summary>A role carrying these permissions at this scope: within the caller's rights?</summary>
    /// <remarks>An unknown scope or permission name is left to the decider (400 naming the field).</remarks>
    public DomainError? MayShape(IEnumerable<string?>? permissions, string? scope)
    {
        if (Unbounded || permissions is null || !DataScopes.TryParse(scope, out var parsed)) return null;
        var beyond = Delegation.Beyond(Own, permissions, parsed);
        return beyond.Count > 0 ? IdentityRefusals.BeyondRights(beyond, DataScopes.NameOf(parsed)) : null;
    }

    /// <summary>Nobody edits a role they hold: widening it would widen their own rights.</summary>
    public DomainError? MayEdit(Guid roleId) =>
        !Unbounded && caller.Snapshot.Holds(caller.ActorId, roleId) ? IdentityRefusals.OwnRole() : null;

    /// <summary>
    /// Nobody but a super administrator moves themselves to another department or superior: that would
    /// widen what their department and self_and_subordinates scopes cover.
    /// </summary>
    public DomainError? MayPlace(Guid userId, bool movesDepartment, bool movesSuperior) =>
        !Unbounded && userId == caller.ActorId && (movesDepartment || movesSuperior)
            ? IdentityRefusals.OwnPlacement(movesDepartment ? "departmentId" : "superiorId")
            : null;
}
