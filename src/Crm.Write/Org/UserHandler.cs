using Crm.Projections.Org;
using Npgsql;

namespace Crm.Write.Org;

/// <summary>
/// The user commands (ORG-5): look up what the decider needs, apply the caller's standing (only a super
/// administrator touches a super administrator's account; <see cref="RoleGrants"/> for roles, placement and
/// password resets), decide, append. Several user rules span streams (a unique mobile, no superior cycle,
/// one enabled super administrator left, the first one created once, no role given while it is deleted):
/// every user write is guarded under the user-directory lock inside its append's transaction, re-reading
/// its facts there (<see cref="OrgCheck{TFacts}"/>). Each write makes the session cache forget the user.
/// </summary>
public sealed class UserHandler(CommandHandler handler, NpgsqlDataSource dataSource, IUserSessionCache sessions, TimeProvider clock)
{
    private sealed record Placement(bool DepartmentExists, bool PositionExists, IReadOnlyList<Guid>? SuperiorChain, bool MobileTaken);

    public Task<CommandOutcome> AddAsync(AddUser command, Caller caller, CommandRequest request, CancellationToken ct, bool superAdmin = false)
    {
        var id = command.UserId ?? Guid.CreateVersion7();
        return RunAsync(id, request, async (facts, _, t) => (
                await facts.UnknownRolesAsync(command.RoleIds, t),
                await PlacementAsync(facts, id, command.DepartmentId, command.PositionId, command.SuperiorId, command.Mobile, t)),
            (state, found) =>
            {
                var (unknownRoles, placement) = found;
                if (new RoleGrants(caller).MaySetRoles(id, [], command.RoleIds, unknownRoles) is { } beyond) return beyond;
                return User.Decide(new RegisterUser(id, command.Mobile, command.DisplayName, command.Gender, command.Email,
                    command.DepartmentId, placement.DepartmentExists, command.PositionId, placement.PositionExists, command.SuperiorId, placement.SuperiorChain,
                    command.RoleIds, unknownRoles, placement.MobileTaken, command.PasswordHash, superAdmin), state, CommandContexts.For(clock, request));
            }, ct, create: true);
    }

    /// <remarks>Only a super administrator moves themselves to another department or superior.</remarks>
    public Task<CommandOutcome> EditAsync(EditUser command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var (id, changes) = (command.UserId, command.Changes);
        return RunAsync(id, request, (facts, _, t) => PlacementAsync(facts, id, changes.DepartmentId?.Value, changes.PositionId?.Value,
                changes.SuperiorId?.Value, changes.Mobile?.Value, t),
            (state, placement) =>
            {
                var movesDepartment = changes.DepartmentId is { } department && department.Value != state.DepartmentId;
                var movesSuperior = changes.SuperiorId is { } superior && superior.Value != state.SuperiorId;
                if (state.Exists && new RoleGrants(caller).MayPlace(id, movesDepartment, movesSuperior) is { } ownPlacement) return ownPlacement;
                return User.Decide(new ChangeUser(id, changes.Mobile, changes.DisplayName, changes.Gender, changes.Email,
                    changes.DepartmentId, changes.PositionId, changes.SuperiorId, changes.Mobile is not null && placement.MobileTaken,
                    changes.DepartmentId is { Value: not null } && placement.DepartmentExists,
                    changes.PositionId is { Value: not null } && placement.PositionExists,
                    changes.SuperiorId is { Value: not null } ? placement.SuperiorChain : null, changes.TimeZone), state,
                    CommandContexts.For(clock, request));
            }, ct);
    }

    public Task<CommandOutcome> GiveRolesAsync(GiveRoles command, Caller caller, CommandRequest request, CancellationToken ct) =>
        RunAsync(command.UserId, request, (facts, state, t) => facts.UnknownRolesAsync([.. command.RoleIds ?? [], .. state.RoleIds], t),
            (state, unknown) => state.Exists && new RoleGrants(caller).MaySetRoles(command.UserId, state.RoleIds, command.RoleIds, unknown) is { } refused
                ? refused
                : User.Decide(new SetUserRoles(command.UserId, command.RoleIds, [.. unknown.Intersect(command.RoleIds ?? [])]), state,
                    CommandContexts.For(clock, request)), ct);

    public Task<CommandOutcome> GrantSuperAdminAsync(GrantSuperAdmin command, Caller caller, CommandRequest request, CancellationToken ct) =>
        RunAsync(command.UserId, request, (facts, _, t) => facts.OtherActiveSuperAdminsAsync(command.UserId, t),
            (state, others) => User.Decide(new SetSuperAdmin(command.UserId, command.Grant, others), state, CommandContexts.For(clock, request)), ct);

    public Task<CommandOutcome> DisableAsync(DisableAccount command, Caller caller, CommandRequest request, CancellationToken ct) =>
        RunAsync(command.UserId, request, (facts, _, t) => facts.OtherActiveSuperAdminsAsync(command.UserId, t),
            (state, others) => User.Decide(new DisableUser(command.UserId, others), state, CommandContexts.For(clock, request)), ct);

    public Task<CommandOutcome> EnableAsync(EnableUser command, Caller caller, CommandRequest request, CancellationToken ct) =>
        RunAsync(command.UserId, request, (_, _, _) => Task.FromResult(0),
            (state, _) => User.Decide(command, state, CommandContexts.For(clock, request)), ct);

    /// <remarks>
    /// A reset by an administrator is acting with the user's rights: refused when they hold a role beyond the
    /// caller's (<see cref="RoleGrants.MayActAs"/>). A change by the user themselves proved the current password.
    /// </remarks>
    public Task<CommandOutcome> SetPasswordAsync(NewPassword command, Caller caller, CommandRequest request, CancellationToken ct) =>
        RunAsync(command.UserId, request, (facts, state, t) => facts.UnknownRolesAsync(state.RoleIds, t),
            (state, unknown) => command.Reason == "reset" && state.Exists
                && new RoleGrants(caller).MayActAs(command.UserId, state.RoleIds, unknown) is { } refused
                ? refused
                : User.Decide(new SetPassword(command.UserId, command.PasswordHash, command.Reason), state, CommandContexts.For(clock, request)), ct);

    public Task<CommandOutcome> HandOverAsync(HandOver command, Caller caller, CommandRequest request, CancellationToken ct) =>
        RunAsync(command.UserId, request, (facts, _, t) => facts.UserAsync(command.ToUserId, t), (state, row) =>
            User.Decide(new HandOverRecords(command.UserId, command.ToUserId, row?.ToState()), state,
                CommandContexts.For(clock, request)), ct);

    /// <summary>
    /// The first super administrator (ORG-5), created at first start when there are no users yet. Several hosts
    /// may start at once: the guard re-reads "no users yet" under the directory lock, so exactly one creates it.
    /// </summary>
    /// <returns>The outcome; no events when users exist already.</returns>
    public Task<CommandOutcome> AddFirstSuperAdminAsync(Guid id, string mobile, string passwordHash, CancellationToken ct) =>
        RunAsync(id, new CommandRequest(), (facts, _, t) => facts.NoUsersYetAsync(t), (state, noneYet) => noneYet
            ? User.Decide(new RegisterUser(id, mobile, "Administrator", null, null, null, false, null, false, null, null, null, [], false, passwordHash,
                SuperAdmin: true), state, CommandContexts.System(clock))
            : Decision.Nothing, ct, create: true);

    private static async Task<Placement> PlacementAsync(
        OrgFacts facts, Guid id, Guid? departmentId, Guid? positionId, Guid? superiorId, string? mobile, CancellationToken ct) =>
        new(await facts.DepartmentExistsAsync(departmentId, ct), await facts.PositionExistsAsync(positionId, ct),
            superiorId is { } superior ? await facts.UserChainAsync(superior, ct) : null, await facts.MobileTakenAsync(mobile, id, ct));

    /// <param name="read">The facts the decision needs (given the user as the stream has them); re-read under the lock at the append.</param>
    /// <param name="create">A registration: an id that any stream holds already (another user's, a customer's) is id_taken.</param>
    private async Task<CommandOutcome> RunAsync<TFacts>(Guid id, CommandRequest request, Func<OrgFacts, UserState, CancellationToken, Task<TFacts>> read,
        Func<UserState, TFacts, Decision> decide, CancellationToken ct, bool create = false)
    {
        var current = User.Decider.Initial;
        var check = new OrgCheck<(bool ActorIsSuperAdmin, TFacts Facts)>(dataSource, async (facts, t) =>
            (await ActorIsSuperAdminAsync(facts, request, t), await read(facts, current, t)), OrgLocks.Users);
        async ValueTask<Decision> Decide(UserState state, CancellationToken t)
        {
            current = state;
            var (actorIsSuperAdmin, facts) = await check.ReadAsync(t);
            return IdentityRefusals.ProtectSuperAdmin(state, actorIsSuperAdmin) is { } protectedAccount ? protectedAccount : decide(state, facts);
        }
        try
        {
            return create
                ? await handler.CreateAsync(User.Decider, id, Decide, request, check.Guard, ct)
                : await handler.HandleAsync(User.Decider, id, (state, _, t) => Decide(state, t), request, check.Guard, ct);
        }
        finally
        {
            sessions.Forget(id);
        }
    }

    // Super administration only changes under the directory lock, so the answer holds until the write.
    private static async Task<bool> ActorIsSuperAdminAsync(OrgFacts facts, CommandRequest request, CancellationToken ct) =>
        request.Metadata.ActorId is { } actor && await facts.UserAsync(actor, ct) is { IsSuperAdmin: true, IsDisabled: false };
}
