using Crm.Events.Org;
using Crm.EventStore;

namespace Crm.Projections.Org;

/// <summary>
/// A user's operation log, read straight from the stream. A password change shows as an entry with
/// the field "password" and no values: the hash never leaves the host.
/// </summary>
public static class UserHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            UserRegistered r => ("registered", Registered(r)),
            UserMobileChanged c => ("changed", One("mobile", c.PreviousMobile, c.Mobile)),
            UserRenamed c => ("changed", One("displayName", c.PreviousDisplayName, c.DisplayName)),
            UserGenderChanged c => ("changed", One("gender", c.PreviousGender, c.Gender)),
            UserEmailChanged c => ("changed", One("email", c.PreviousEmail, c.Email)),
            UserTimeZoneChanged c => ("changed", One("timeZone", c.PreviousTimeZone, c.TimeZone)),
            UserDepartmentChanged c => ("changed", One("departmentId", c.PreviousDepartmentId?.ToString(), c.DepartmentId?.ToString())),
            UserPositionChanged c => ("changed", One("positionId", c.PreviousPositionId?.ToString(), c.PositionId?.ToString())),
            UserSuperiorChanged c => ("changed", One("superiorId", c.PreviousSuperiorId?.ToString(), c.SuperiorId?.ToString())),
            UserRolesChanged c => ("roles-changed", One("roleIds", Ids(c.PreviousRoleIds), Ids(c.RoleIds))),
            UserSuperAdminGranted => ("super-admin-granted", One("isSuperAdmin", "false", "true")),
            UserSuperAdminRevoked => ("super-admin-revoked", One("isSuperAdmin", "true", "false")),
            UserDisabled => ("disabled", One("isDisabled", "false", "true")),
            UserEnabled => ("enabled", One("isDisabled", "true", "false")),
            UserPasswordSet p => ($"password-{p.Reason}", One("password", null, null)),
            UserRecordsHandedOver h => ("records-handed-over", One("recordsHandedOverTo", null, h.ToUserId.ToString())),
            _ => (e.EventType, Array.Empty<FieldChange>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }

    private static FieldChange[] One(string field, string? old, string? @new) => [new FieldChange(field, old, @new)];

    private static string Ids(IReadOnlyList<Guid> ids) => string.Join(",", ids);

    private static FieldChange[] Registered(UserRegistered r)
    {
        var changes = new List<FieldChange>
        {
            new("mobile", null, r.Mobile), new("displayName", null, r.DisplayName), new("gender", null, r.Gender),
        };
        if (r.Email is not null) changes.Add(new("email", null, r.Email));
        if (r.DepartmentId is not null) changes.Add(new("departmentId", null, r.DepartmentId.ToString()));
        if (r.PositionId is not null) changes.Add(new("positionId", null, r.PositionId.ToString()));
        if (r.SuperiorId is not null) changes.Add(new("superiorId", null, r.SuperiorId.ToString()));
        if (r.RoleIds.Count > 0) changes.Add(new("roleIds", null, Ids(r.RoleIds)));
        return [.. changes];
    }
}
