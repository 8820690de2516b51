namespace Crm.Write.Org;

// The facts a rule needs about other records (does the department exist, is the mobile number taken,
// the superior's chain, how many other super administrators are left) are looked up by the handler
// and passed in, so the decider stays pure.

/// <summary>
/// Register a user. <paramref name="SuperiorChain"/> is the superior followed by their superiors up
/// to the top (null when the superior was not found); <paramref name="UnknownRoleIds"/> the role ids
/// that do not exist. <paramref name="PasswordHash"/> is already hashed: the decider never sees a password.
/// </summary>
public sealed record RegisterUser(
    Guid UserId, string? Mobile, string? DisplayName, string? Gender, string? Email,
    Guid? DepartmentId, bool DepartmentExists, Guid? PositionId, bool PositionExists, Guid? SuperiorId, IReadOnlyList<Guid>? SuperiorChain,
    IReadOnlyList<Guid>? RoleIds, IReadOnlyList<Guid> UnknownRoleIds, bool MobileTaken, string PasswordHash, bool SuperAdmin = false);

/// <summary>
/// Change the fields sent (a null Edit: not sent). Looked-up facts as for <see cref="RegisterUser"/>. <paramref name="TimeZone"/>: an IANA id,
/// null (sent as null) for the default UTC.
/// </summary>
public sealed record ChangeUser(
    Guid UserId, Edit<string?>? Mobile, Edit<string?>? DisplayName, Edit<string?>? Gender, Edit<string?>? Email,
    Edit<Guid?>? DepartmentId, Edit<Guid?>? PositionId, Edit<Guid?>? SuperiorId,
    bool MobileTaken, bool DepartmentExists, bool PositionExists, IReadOnlyList<Guid>? SuperiorChain, Edit<string?>? TimeZone = null);

public sealed record SetUserRoles(Guid UserId, IReadOnlyList<Guid>? RoleIds, IReadOnlyList<Guid> UnknownRoleIds);

/// <param name="OtherActiveSuperAdmins">Enabled super administrators besides this user.</param>
public sealed record SetSuperAdmin(Guid UserId, bool Grant, int OtherActiveSuperAdmins);

public sealed record DisableUser(Guid UserId, int OtherActiveSuperAdmins);

public sealed record EnableUser(Guid UserId);

/// <param name="Reason">"changed" (by the user, who proved the current one) or "reset" (by an administrator).</param>
public sealed record SetPassword(Guid UserId, string PasswordHash, string Reason);

/// <param name="To">The receiving user as it is now; null when it does not exist.</param>
public sealed record HandOverRecords(Guid UserId, Guid ToUserId, UserState? To);
