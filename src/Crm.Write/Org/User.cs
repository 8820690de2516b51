using Crm.Events.Org;

namespace Crm.Write.Org;

public sealed record UserState(
    bool Exists, Guid Id, string Mobile, string DisplayName, string Gender, string? Email,
    Guid? DepartmentId, Guid? PositionId, Guid? SuperiorId, IReadOnlyList<Guid> RoleIds, bool IsSuperAdmin, bool IsDisabled,
    string TimeZone = "UTC")
{
    public static UserState None { get; } = new(false, Guid.Empty, "", "", UserRules.DefaultGender, null, null, null, null, [], false, false);
}

/// <summary>The user decider: one user (employee) per stream; never deleted, only disabled.</summary>
public static class User
{
    public const string StreamType = "user";

    public static Decider<UserState> Decider { get; } = new(StreamType, UserState.None, Evolve);

    public static UserState Evolve(UserState state, object @event) => @event switch
    {
        UserRegistered e => new UserState(true, e.UserId, e.Mobile, e.DisplayName, e.Gender, e.Email, e.DepartmentId, e.PositionId,
            e.SuperiorId, e.RoleIds, false, false),
        UserMobileChanged e => state with { Mobile = e.Mobile },
        UserRenamed e => state with { DisplayName = e.DisplayName },
        UserGenderChanged e => state with { Gender = e.Gender },
        UserEmailChanged e => state with { Email = e.Email },
        UserTimeZoneChanged e => state with { TimeZone = e.TimeZone },
        UserDepartmentChanged e => state with { DepartmentId = e.DepartmentId },
        UserPositionChanged e => state with { PositionId = e.PositionId },
        UserSuperiorChanged e => state with { SuperiorId = e.SuperiorId },
        UserRolesChanged e => state with { RoleIds = e.RoleIds },
        UserSuperAdminGranted => state with { IsSuperAdmin = true },
        UserSuperAdminRevoked => state with { IsSuperAdmin = false },
        UserDisabled => state with { IsDisabled = true },
        UserEnabled => state with { IsDisabled = false },
        _ => state,
    };

    public static Decision Decide(RegisterUser c, UserState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("user_exists", $"User {c.UserId} already exists.", "id");
        var refused = UserRules.Mobile(c.Mobile) ?? UserRules.DisplayName(c.DisplayName) ?? UserRules.Gender(c.Gender)
                      ?? UserRules.Email(c.Email) ?? UserRules.RoleIds(c.RoleIds);
        if (refused is not null) return refused;
        if (c.MobileTaken) return MobileTaken();
        if (c.DepartmentId is { } department && !c.DepartmentExists) return DepartmentNotFound(department);
        if (c.PositionId is { } position && !c.PositionExists) return PositionNotFound(position);
        if (c.SuperiorId is { } superior && SuperiorProblem(c.UserId, superior, c.SuperiorChain) is { } bad) return bad;
        if (c.UnknownRoleIds.Count > 0) return RolesNotFound(c.UnknownRoleIds);

        var registered = new UserRegistered(c.UserId, c.Mobile!.Trim(), c.DisplayName!.Trim(), c.Gender ?? UserRules.DefaultGender,
            UserRules.NormalEmail(c.Email), c.DepartmentId, c.PositionId, c.SuperiorId, Distinct(c.RoleIds));
        var password = new UserPasswordSet(c.UserId, c.PasswordHash, "initial");
        return c.SuperAdmin
            ? Decision.Accept(registered, new UserSuperAdminGranted(c.UserId), password)
            : Decision.Accept(registered, password);
    }

    public static Decision Decide(ChangeUser c, UserState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(c.UserId);
        var refused = (c.Mobile is { } m ? UserRules.Mobile(m.Value) : null)
                      ?? (c.DisplayName is { } n ? UserRules.DisplayName(n.Value) : null)
                      ?? (c.Gender is { } g ? (g.Value is null ? DomainError.Invalid("gender", "gender_required",
                          "Gender cannot be cleared; use \"unspecified\".") : UserRules.Gender(g.Value)) : null)
                      ?? (c.Email is { } e ? UserRules.Email(e.Value) : null)
                      ?? (c.TimeZone is { } z ? UserRules.TimeZone(z.Value) : null);
        if (refused is not null) return refused;

        var events = new List<object>();
        if (c.Mobile is { Value: { } mobileValue } && mobileValue.Trim() != state.Mobile)
        {
            if (c.MobileTaken) return MobileTaken();
            events.Add(new UserMobileChanged(state.Id, mobileValue.Trim(), state.Mobile));
        }
        if (c.DisplayName is { Value: { } nameValue } && nameValue.Trim() != state.DisplayName)
            events.Add(new UserRenamed(state.Id, nameValue.Trim(), state.DisplayName));
        if (c.Gender is { Value: { } genderValue } && genderValue != state.Gender)
            events.Add(new UserGenderChanged(state.Id, genderValue, state.Gender));
        if (c.Email is { } email && UserRules.NormalEmail(email.Value) != state.Email)
            events.Add(new UserEmailChanged(state.Id, UserRules.NormalEmail(email.Value), state.Email));
        if (c.TimeZone is { } zone && UserRules.NormalTimeZone(zone.Value) != state.TimeZone)
            events.Add(new UserTimeZoneChanged(state.Id, UserRules.NormalTimeZone(zone.Value), state.TimeZone));
        if (c.DepartmentId is { } department && department.Value != state.DepartmentId)
        {
            if (department.Value is { } departmentId && !c.DepartmentExists) return DepartmentNotFound(departmentId);
            events.Add(new UserDepartmentChanged(state.Id, department.Value, state.DepartmentId));
        }
        if (c.PositionId is { } position && position.Value != state.PositionId)
        {
            if (position.Value is { } positionId && !c.PositionExists) return PositionNotFound(positionId);
            events.Add(new UserPositionChanged(state.Id, position.Value, state.PositionId));
        }
        if (c.SuperiorId is { } superior && superior.Value != state.SuperiorId)
        {
            if (superior.Value is { } superiorId && SuperiorProblem(state.Id, superiorId, c.SuperiorChain) is { } bad) return bad;
            events.Add(new UserSuperiorChanged(state.Id, superior.Value, state.SuperiorId));
        }
        return events.Count == 0 ? Decision.Nothing : Decision.Accept([.. events]);
    }

    public static Decision Decide(SetUserRoles c, UserState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(c.UserId);
        if (c.RoleIds is null) return DomainError.Invalid("roleIds", "role_ids_required",
            "Send the complete set of role ids (an empty list removes every role).");
        if (UserRules.RoleIds(c.RoleIds) is { } refused) return refused;
        if (c.UnknownRoleIds.Count > 0) return RolesNotFound(c.UnknownRoleIds);
        var roles = Distinct(c.RoleIds);
        return roles.ToHashSet().SetEquals(state.RoleIds) ? Decision.Nothing : Decision.Accept(new UserRolesChanged(state.Id, roles, state.RoleIds));
    }

    public static Decision Decide(SetSuperAdmin c, UserState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(c.UserId);
        if (c.Grant == state.IsSuperAdmin) return Decision.Nothing;
        if (c.Grant)
        {
            return state.IsDisabled
                ? DomainError.Conflict("user_disabled", "A disabled user cannot be made a super administrator.")
                : Decision.Accept(new UserSuperAdminGranted(state.Id));
        }
        if (!state.IsDisabled && c.OtherActiveSuperAdmins == 0) return LastSuperAdmin();
        return Decision.Accept(new UserSuperAdminRevoked(state.Id));
    }

    public static Decision Decide(DisableUser c, UserState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(c.UserId);
        if (state.IsDisabled) return Decision.Nothing;
        if (state.IsSuperAdmin && c.OtherActiveSuperAdmins == 0) return LastSuperAdmin();
        return Decision.Accept(new UserDisabled(state.Id));
    }

    public static Decision Decide(EnableUser c, UserState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(c.UserId);
        return state.IsDisabled ? Decision.Accept(new UserEnabled(state.Id)) : Decision.Nothing;
    }

    public static Decision Decide(SetPassword c, UserState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(c.UserId);
        if (c.Reason == "changed" && state.IsDisabled) return DomainError.Conflict("user_disabled", "A disabled user cannot change their password.");
        return Decision.Accept(new UserPasswordSet(state.Id, c.PasswordHash, c.Reason));
    }

    public static Decision Decide(HandOverRecords c, UserState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(c.UserId);
        if (!state.IsDisabled)
            return DomainError.Conflict("user_not_disabled", "Only a disabled user's records are handed over: disable the user first.");
        if (c.ToUserId == state.Id) return DomainError.Invalid("toUserId", "hand_over_to_self", "Records cannot be handed over to the same user.");
        if (c.To is not { Exists: true } to)
            return DomainError.Unprocessable("toUserId", "user_not_found", $"User {c.ToUserId} does not exist.");
        if (to.IsDisabled) return DomainError.Unprocessable("toUserId", "user_disabled", "Records cannot be handed over to a disabled user.");
        return Decision.Accept(new UserRecordsHandedOver(state.Id, c.ToUserId));
    }

    private static DomainError? SuperiorProblem(Guid userId, Guid superiorId, IReadOnlyList<Guid>? chain)
    {
        if (superiorId == userId) return DomainError.Conflict("superior_cycle", "A user cannot be their own superior.", "superiorId");
        if (chain is null) return DomainError.Unprocessable("superiorId", "superior_not_found", $"User {superiorId} does not exist.");
        return chain.Contains(userId)
            ? DomainError.Conflict("superior_cycle", "The superior reports (directly or not) to this user: that would be a cycle.", "superiorId")
            : null;
    }

    private static Guid[] Distinct(IReadOnlyList<Guid>? ids) => ids is null ? [] : ids.Distinct().ToArray();

    private static DomainError NotFound(Guid id) => DomainError.NotFound("user_not_found", $"User {id} does not exist.");

    private static DomainError MobileTaken() =>
        DomainError.Conflict("mobile_taken", "Another user signs in with this mobile number.", "mobile");

    private static DomainError DepartmentNotFound(Guid id) =>
        DomainError.Unprocessable("departmentId", "department_not_found", $"Department {id} does not exist.");

    private static DomainError PositionNotFound(Guid id) =>
        DomainError.Unprocessable("positionId", "position_not_found", $"Position {id} does not exist.");

    private static DomainError RolesNotFound(IReadOnlyList<Guid> ids) =>
        DomainError.Unprocessable("roleIds", "role_not_found", $"These roles do not exist: {string.Join(", ", ids)}.");

    private static DomainError LastSuperAdmin() => DomainError.Conflict(
        "last_super_admin", "This is the last enabled super administrator: make another user one first.");
}
