using Crm.Projections.Org;

namespace Crm.Write.Org;

/// <summary>A user as the directory's read model has them, as the decider's state (kept out of the decider: deciders read no read model).</summary>
public static class UserRows
{
    /// <summary>For a decision that needs a user's standing without folding their stream (a hand-over's receiver, a webhook's owner).</summary>
    public static UserState ToState(this UserRow row) => new(true, row.Id, row.Mobile, row.DisplayName, row.Gender, row.Email, row.DepartmentId,
        row.PositionId, row.SuperiorId, row.RoleIds, row.IsSuperAdmin, row.IsDisabled, row.TimeZone);
}
