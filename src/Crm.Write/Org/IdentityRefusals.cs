namespace Crm.Write.Org;

/// <summary>
/// Refusals for lack of standing rather than for the record's state: acting on a super administrator
/// without being one, changing one's own rights, handing out rights one does not hold. The host answers
/// them as 403 (see <see cref="IsForbidden"/>), never as a conflict the caller could resolve by retrying.
/// </summary>
public static class IdentityRefusals
{
    public const string SuperAdminProtectedCode = "super_admin_protected";
    public const string OwnRolesCode = "own_roles_locked";
    public const string OwnRoleCode = "own_role_locked";
    public const string BeyondRightsCode = "beyond_your_rights";

    public static bool IsForbidden(DomainError error) =>
        error.Code is SuperAdminProtectedCode or OwnRolesCode or OwnRoleCode or BeyondRightsCode;

    /// <summary>Only an enabled super administrator may change a super administrator's account (enabled or not).</summary>
    public static DomainError? ProtectSuperAdmin(UserState target, bool actorIsSuperAdmin) =>
        target.Exists && target.IsSuperAdmin && !actorIsSuperAdmin
            ? DomainError.Conflict(SuperAdminProtectedCode, $"User {target.Id} is a super administrator: only a super administrator may change their account.")
            : null;

    public static DomainError OwnRoles() =>
        DomainError.Conflict(OwnRolesCode, "Nobody grants or revokes their own roles: ask another administrator.");

    public static DomainError OwnRole(Guid roleId) =>
        DomainError.Conflict(OwnRoleCode, $"You hold role {roleId}: nobody edits a role they hold.");

    /// <param name="what">What carries the rights, e.g. "Role 'Sales'".</param>
    public static DomainError BeyondRights(string what, IReadOnlyList<string> permissions, string scope) =>
        new(BeyondRightsCode, $"{what} carries rights you do not hold at data scope '{scope}': {string.Join(", ", permissions)}.", ErrorKind.Conflict)
        {
            Extensions = new Dictionary<string, object> { ["permissions"] = permissions, ["dataScope"] = scope },
        };
}
