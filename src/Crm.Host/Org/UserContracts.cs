using Crm.Write.Org;
using Crm.Host.Platform;
using Crm.Projections.Org;

namespace Crm.Host.Org;

/// <summary>A new user (employee).</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="Mobile">The sign-in name: digits with an optional leading +, 6 to 20 characters; unique among users.</param>
/// <param name="Password">The initial password, 8 to 128 characters. Stored only as a hash; never returned.</param>
/// <param name="DisplayName">1 to 100 characters after trimming.</param>
/// <param name="Gender">unspecified (default), male or female.</param>
/// <param name="Email">Optional email address.</param>
/// <param name="DepartmentId">The department (must exist), or null.</param>
/// <param name="PositionId">The position (must exist), or null.</param>
/// <param name="SuperiorId">The direct superior (an existing user), or null.</param>
/// <param name="RoleIds">The roles the user holds (each must exist).</param>
public sealed record CreateUserRequest(
    Guid? Id, [property: MustSend] string? Mobile, [property: MustSend] string? Password, [property: MustSend] string? DisplayName,
    [property: WireValues(typeof(UserRules), nameof(UserRules.Genders))] string? Gender, string? Email,
    [property: NullMeans("none")] Guid? DepartmentId, [property: NullMeans("none")] Guid? PositionId, [property: NullMeans("none")] Guid? SuperiorId,
    IReadOnlyList<Guid>? RoleIds);

/// <summary>
/// Fields to change (JSON merge patch): only the fields sent change; null clears email, departmentId,
/// positionId and superiorId. Roles, super-admin, status and password have their own actions.
/// </summary>
/// <param name="TimeZone">The user's time zone: an IANA id (Asia/Shanghai, Europe/Berlin), else 400 time_zone_invalid; null resets it to UTC.</param>
public sealed record UpdateUserRequest(
    string? Mobile, string? DisplayName, [property: WireValues(typeof(UserRules), nameof(UserRules.Genders))] string? Gender,
        [property: NullMeans("clears it")] string? Email,
    [property: NullMeans("clears it")] Guid? DepartmentId, [property: NullMeans("clears it")] Guid? PositionId,
        [property: NullMeans("clears it")] Guid? SuperiorId, [property: NullMeans("UTC")] string? TimeZone);

/// <summary>Your own time zone.</summary>
/// <param name="TimeZone">An IANA id (Asia/Shanghai, Europe/Berlin; "UTC" for the default), else 400 time_zone_invalid.</param>
public sealed record SetTimeZoneRequest([property: MustSend] string? TimeZone);

/// <summary>The complete set of roles the user should hold; an empty list removes every role.</summary>
public sealed record SetUserRolesRequest([property: MustSend] IReadOnlyList<Guid>? RoleIds);

/// <summary>Grant (true) or revoke (false) super administration.</summary>
public sealed record SuperAdminRequest([property: MustSend] bool? Grant);

/// <summary>The new password, 8 to 128 characters.</summary>
public sealed record ResetPasswordRequest([property: MustSend] string? Password);

/// <summary>The user who receives the disabled user's records.</summary>
public sealed record HandOverRequest([property: MustSend] Guid? ToUserId);

/// <summary>What a hand-over did: per module, how many records moved.</summary>
public sealed record HandOverResponse(Guid FromUserId, Guid ToUserId, IReadOnlyDictionary<string, int> Modules);

/// <summary>A user. Credentials are never part of it.</summary>
/// <param name="TimeZone">The user's IANA time zone (UTC until set): where their workbench days begin and their calendar's default zone.</param>
/// <param name="Version">Its stream version; the same value as the ETag, to send back in If-Match.</param>
public sealed record UserResponse(
    Guid Id, string Mobile, string DisplayName, [property: WireValues(typeof(UserRules), nameof(UserRules.Genders))] string Gender, string? Email,
        Guid? DepartmentId, Guid? PositionId, Guid? SuperiorId,
    IReadOnlyList<Guid> RoleIds, bool IsSuperAdmin, bool IsDisabled, string TimeZone, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UserResponse From(UserRow row) => new(row.Id, row.Mobile, row.DisplayName, row.Gender, row.Email, row.DepartmentId,
        row.PositionId, row.SuperiorId, row.RoleIds, row.IsSuperAdmin, row.IsDisabled, row.TimeZone, row.Version, row.CreatedAt, row.UpdatedAt);
}

/// <summary>One page of users, ordered by display name.</summary>
/// <param name="NextCursor">Pass as ?cursor= for the next page; null on the last page.</param>
public sealed record UserListResponse(IReadOnlyList<UserResponse> Items, string? NextCursor);

/// <summary>A user's operation log, oldest first. Password changes show without any value.</summary>
public sealed record UserHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);
