namespace Crm.Write.Org;

/// <summary>
/// Refusals for lack of standing rather than for the record's state: acting on a super administrator
/// without being one, changing one's own rights, handing out rights one does not hold. They are
/// <see cref="ErrorKind.Forbidden"/> (403), never a conflict the caller could resolve by retrying.
/// </summary>
public static class IdentityRefusals
{
    public const string SuperAdminProtectedCode = "super_admin_protected";
    public const string OwnRolesCode = "own_roles_locked";
    public const string OwnRoleCode = "own_role_locked";
    public const string BeyondRightsCode = "beyond_your_rights";
    public const string OwnPasswordCode = "own_password_via_change";
    public const string OwnPlacementCode = "own_placement_locked";

    /// <summary>Only an enabled super administrator may change a super administrator's account (enabled or not).</summary>
    public static DomainError? ProtectSuperAdmin(UserState target, bool actorIsSuperAdmin) =>
        target.Exists && target.IsSuperAdmin && !actorIsSuperAdmin
            ? DomainError.Forbidden(SuperAdminProtectedCode, $"User {target.Id} is a super administrator: only a super administrator may change their account.")
            : null;

    public static DomainError OwnRoles() =>
        DomainError.Forbidden(OwnRolesCode, "Nobody grants or revokes their own roles: ask another administrator.");

    public static DomainError OwnRole() =>
        DomainError.Forbidden(OwnRoleCode, "You hold this role: nobody edits a role they hold.");

    public static DomainError OwnPassword() =>
        DomainError.Forbidden(OwnPasswordCode, "Nobody resets their own password: change it with POST /api/auth/password, which asks for the current one.");

    /// <param name="field">The placement field sent: departmentId or superiorId.</param>
    public static DomainError OwnPlacement(string field) =>
        DomainError.Forbidden(OwnPlacementCode, "Only a super administrator changes their own department or superior: ask another administrator.", field);

    /// <summary>
    /// Names only what the caller lacks, never a role's or another user's id: the caller may hold neither
    /// role.list nor user.detail. No permissions and no scope: a role changed since the request began.
    /// </summary>
    public static DomainError BeyondRights(IReadOnlyList<string> permissions, string? scope) =>
        scope is null
            ? new(BeyondRightsCode, "A role involved was created or changed since your request began: try again.", ErrorKind.Forbidden)
            {
                Extensions = new Dictionary<string, object> { ["permissions"] = permissions },
            }
            : new(BeyondRightsCode,
                $"This would hand out rights you do not hold at data scope '{scope}': {string.Join(", ", permissions)}.", ErrorKind.Forbidden)
            {
                Extensions = new Dictionary<string, object> { ["permissions"] = permissions, ["dataScope"] = scope },
            };
}
