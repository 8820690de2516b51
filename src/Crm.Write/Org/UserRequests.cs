namespace Crm.Write.Org;

// The user commands as an endpoint sends them to UserHandler: what the caller asked for, without the
// facts about other records (the handler looks those up and passes them to the decider's commands).

/// <summary>Register a user; <paramref name="PasswordHash"/> is already hashed.</summary>
public sealed record AddUser(
    Guid? UserId, string? Mobile, string? DisplayName, string? Gender, string? Email,
    Guid? DepartmentId, Guid? PositionId, Guid? SuperiorId, IReadOnlyList<Guid>? RoleIds, string PasswordHash);

/// <summary>The fields a PATCH sent (null: not sent).</summary>
public sealed record UserChanges(
    Edit<string?>? Mobile, Edit<string?>? DisplayName, Edit<string?>? Gender, Edit<string?>? Email,
    Edit<Guid?>? DepartmentId, Edit<Guid?>? PositionId, Edit<Guid?>? SuperiorId, Edit<string?>? TimeZone = null);

public sealed record EditUser(Guid UserId, UserChanges Changes);

/// <summary>Replace the roles a user holds.</summary>
public sealed record GiveRoles(Guid UserId, IReadOnlyList<Guid>? RoleIds);

/// <summary>Grant (true) or revoke super administration.</summary>
public sealed record GrantSuperAdmin(Guid UserId, bool Grant);

public sealed record DisableAccount(Guid UserId);

/// <summary>A new password: <paramref name="Reason"/> "changed" by the user (who proved the current one), "reset" by an administrator.</summary>
public sealed record NewPassword(Guid UserId, string PasswordHash, string Reason);

/// <summary>Hand a disabled user's records over to <paramref name="ToUserId"/> (the user's own stream records it).</summary>
public sealed record HandOver(Guid UserId, Guid ToUserId);

/// <summary>The host's cache of signed-in users: every user write makes it forget the user, so a disable or password change ends sessions at once.</summary>
public interface IUserSessionCache
{
    void Forget(Guid userId);
}
