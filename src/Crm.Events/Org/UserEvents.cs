namespace Crm.Events.Org;

// User events carry the previous value next to the new one, like the department events, so the
// operation log shows "old → new" from the event alone. Credentials travel in UserPasswordSet only,
// so every reader that must not see a hash can drop that one event type. Mobile numbers and e-mails are marked [PersonalData]
// (they are an employee's), though no route erases a user yet: a user's mobile is their sign-in (docs/event-store.md, "Erasure").

/// <summary>A user (employee) was registered. Gender is "unspecified", "male" or "female".</summary>
public sealed record UserRegistered(
    Guid UserId, [property: PersonalData] string Mobile, string DisplayName, string Gender, [property: PersonalData] string? Email,
    Guid? DepartmentId, Guid? PositionId, Guid? SuperiorId, IReadOnlyList<Guid> RoleIds);

/// <summary>A user's sign-in mobile number changed.</summary>
public sealed record UserMobileChanged(Guid UserId, [property: PersonalData] string Mobile, [property: PersonalData] string PreviousMobile);

/// <summary>A user's display name changed.</summary>
public sealed record UserRenamed(Guid UserId, string DisplayName, string PreviousDisplayName);

public sealed record UserGenderChanged(Guid UserId, string Gender, string PreviousGender);

/// <summary>A user's email changed (null: removed).</summary>
public sealed record UserEmailChanged(Guid UserId, [property: PersonalData] string? Email, [property: PersonalData] string? PreviousEmail);

/// <summary>A user's time zone changed: an IANA id (the tz database NodaTime ships); "UTC" until first set.</summary>
public sealed record UserTimeZoneChanged(Guid UserId, string TimeZone, string PreviousTimeZone);

/// <summary>A user moved to another department (null: none).</summary>
public sealed record UserDepartmentChanged(Guid UserId, Guid? DepartmentId, Guid? PreviousDepartmentId);

/// <summary>A user got another position (null: none).</summary>
public sealed record UserPositionChanged(Guid UserId, Guid? PositionId, Guid? PreviousPositionId);

/// <summary>A user got another direct superior (null: none).</summary>
public sealed record UserSuperiorChanged(Guid UserId, Guid? SuperiorId, Guid? PreviousSuperiorId);

/// <summary>The roles a user holds were replaced by another set.</summary>
public sealed record UserRolesChanged(Guid UserId, IReadOnlyList<Guid> RoleIds, IReadOnlyList<Guid> PreviousRoleIds);

/// <summary>A user became a super administrator: every permission, every record.</summary>
public sealed record UserSuperAdminGranted(Guid UserId);

public sealed record UserSuperAdminRevoked(Guid UserId);

/// <summary>A user left (离职): cannot sign in, live tokens stop working. Users are never deleted.</summary>
public sealed record UserDisabled(Guid UserId);

public sealed record UserEnabled(Guid UserId);

/// <summary>
/// A user's password was set. Only the hash is stored (ASP.NET Core Identity's PasswordHasher format);
/// no API response, history or log shows it. Reason: "initial", "changed" (by the user) or "reset" (by an administrator).
/// </summary>
public sealed record UserPasswordSet(Guid UserId, [property: Secret] string PasswordHash, string Reason);

/// <summary>A disabled user's records were handed over to another user; modules move their records on this event.</summary>
public sealed record UserRecordsHandedOver(Guid FromUserId, Guid ToUserId);
