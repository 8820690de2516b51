using Crm.Events.Org;
using Crm.EventStore;

namespace Crm.Projections.Org;

/// <summary>A user as the read side shows it; one row of org.users. No credentials: those live in auth.credentials.</summary>
public sealed record UserRow(
    Guid Id, string Mobile, string DisplayName, string Gender, string? Email,
    Guid? DepartmentId, Guid? PositionId, Guid? SuperiorId, IReadOnlyList<Guid> RoleIds,
    bool IsSuperAdmin, bool IsDisabled, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string TimeZone = "UTC")
{
    /// <summary>The one fold for org.users and for time travel, so "as of" and "now" cannot disagree.</summary>
    public static UserRow? Evolve(UserRow? row, StoredEvent e)
    {
        if (e.Data is UserRegistered r)
        {
            return new UserRow(r.UserId, r.Mobile, r.DisplayName, r.Gender, r.Email, r.DepartmentId, r.PositionId, r.SuperiorId,
                r.RoleIds, false, false, e.Version, e.Timestamp, e.Timestamp);
        }
        if (row is null) return null;
        var changed = e.Data switch
        {
            UserMobileChanged c => row with { Mobile = c.Mobile },
            UserRenamed c => row with { DisplayName = c.DisplayName },
            UserGenderChanged c => row with { Gender = c.Gender },
            UserEmailChanged c => row with { Email = c.Email },
            UserTimeZoneChanged c => row with { TimeZone = c.TimeZone },
            UserDepartmentChanged c => row with { DepartmentId = c.DepartmentId },
            UserPositionChanged c => row with { PositionId = c.PositionId },
            UserSuperiorChanged c => row with { SuperiorId = c.SuperiorId },
            UserRolesChanged c => row with { RoleIds = c.RoleIds },
            UserSuperAdminGranted => row with { IsSuperAdmin = true },
            UserSuperAdminRevoked => row with { IsSuperAdmin = false },
            UserDisabled => row with { IsDisabled = true },
            UserEnabled => row with { IsDisabled = false },
            // A password change or a hand-over changes nothing the row shows, but it is a new version.
            _ => row,
        };
        return changed with { Version = e.Version, UpdatedAt = e.Timestamp };
    }
}
