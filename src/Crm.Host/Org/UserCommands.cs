using Crm.Host.Auth;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Org;
using Npgsql;

namespace Crm.Host.Org;

/// <summary>
/// Runs the user commands through the command pipeline under the user-directory lock, looking up what
/// the decider needs (inside the cycle, so a conflict retry decides on fresh facts). Each write makes
/// this host's session cache forget the user, so a disable or password change ends sessions at once.
/// </summary>
public sealed class UserCommands(
    CommandHandler handler, UserQueries users, DepartmentQueries departments, PositionQueries positions, RoleLookup roles, UserSessions sessions,
    NpgsqlDataSource dataSource, TimeProvider clock)
{
    public Task<CommandOutcome> RegisterAsync(
        Guid id, CreateUserRequest body, string passwordHash, RoleGrants grants, CommandRequest request, CancellationToken ct, bool superAdmin = false) =>
        RunAsync(id, request, async (state, token) =>
        {
            var unknownRoles = await roles.UnknownAsync(body.RoleIds, token);
            if (grants.MaySetRoles(id, [], body.RoleIds, unknownRoles) is { } beyond) return beyond;
            var command = new RegisterUser(id, body.Mobile, body.DisplayName, body.Gender, body.Email,
                body.DepartmentId, body.DepartmentId is { } d && await departments.GetAsync(d, token) is not null,
                body.PositionId, body.PositionId is { } p && await positions.GetAsync(p, token) is not null,
                body.SuperiorId, body.SuperiorId is { } s ? await users.SuperiorChainAsync(s, token) : null,
                body.RoleIds, unknownRoles, await MobileTakenAsync(id, body.Mobile, token), passwordHash, superAdmin);
            return User.Decide(command, state, CommandRequests.Context(clock, request));
        }, ct, create: true);

    /// <param name="grants">The caller's standing: only a super administrator moves themselves to another department or superior.</param>
    public Task<CommandOutcome> ChangeAsync(Guid id, UserChanges changes, RoleGrants grants, CommandRequest request, CancellationToken ct) =>
        RunAsync(id, request, async (state, token) =>
        {
            var movesDepartment = changes.DepartmentId is { } department && department.Value != state.DepartmentId;
            var movesSuperior = changes.SuperiorId is { } superior && superior.Value != state.SuperiorId;
            if (state.Exists && grants.MayPlace(id, movesDepartment, movesSuperior) is { } ownPlacement) return ownPlacement;
            var command = new ChangeUser(id, changes.Mobile, changes.DisplayName, changes.Gender, changes.Email,
                changes.DepartmentId, changes.PositionId, changes.SuperiorId,
                changes.Mobile is { } m && await MobileTakenAsync(id, m.Value, token),
                changes.DepartmentId is { Value: { } d } && await departments.GetAsync(d, token) is not null,
                changes.PositionId is { Value: { } p } && await positions.GetAsync(p, token) is not null,
                changes.SuperiorId is { Value: { } s } ? await users.SuperiorChainAsync(s, token) : null);
            return User.Decide(command, state, CommandRequests.Context(clock, request));
        }, ct);

    public Task<CommandOutcome> SetRolesAsync(Guid id, IReadOnlyList<Guid>? roleIds, RoleGrants grants, CommandRequest request, CancellationToken ct) =>
        RunAsync(id, request, async (state, token) =>
        {
            var unknown = await roles.UnknownAsync([.. roleIds ?? [], .. state.RoleIds], token);
            return state.Exists && grants.MaySetRoles(id, state.RoleIds, roleIds, unknown) is { } refused
                ? refused
                : User.Decide(new SetUserRoles(id, roleIds, [.. unknown.Intersect(roleIds ?? [])]), state, CommandRequests.Context(clock, request));
        }, ct);

    public Task<CommandOutcome> SetSuperAdminAsync(Guid id, bool grant, CommandRequest request, CancellationToken ct) =>
        RunAsync(id, request, async (state, token) =>
            User.Decide(new SetSuperAdmin(id, grant, await users.OtherActiveSuperAdminsAsync(id, token)), state, CommandRequests.Context(clock, request)), ct);

    public Task<CommandOutcome> DisableAsync(Guid id, CommandRequest request, CancellationToken ct) =>
        RunAsync(id, request, async (state, token) =>
            User.Decide(new DisableUser(id, await users.OtherActiveSuperAdminsAsync(id, token)), state, CommandRequests.Context(clock, request)), ct);

    public Task<CommandOutcome> EnableAsync(Guid id, CommandRequest request, CancellationToken ct) =>
        RunAsync(id, request, (state, _) => ValueTask.FromResult(User.Decide(new EnableUser(id), state, CommandRequests.Context(clock, request))), ct);

    /// <param name="reason">"changed" by the user, "reset" by an administrator.</param>
    /// <param name="grants">For a reset by an administrator: the target may hold no role beyond the administrator's rights.</param>
    public Task<CommandOutcome> SetPasswordAsync(
        Guid id, string passwordHash, string reason, CommandRequest request, CancellationToken ct, RoleGrants? grants = null) =>
        RunAsync(id, request, async (state, token) =>
            state.Exists && grants?.MayActAs(id, state.RoleIds, await roles.UnknownAsync(state.RoleIds, token)) is { } refused
                ? refused
                : User.Decide(new SetPassword(id, passwordHash, reason), state, CommandRequests.Context(clock, request)), ct);

    public Task<CommandOutcome> HandOverAsync(Guid id, Guid toUserId, CommandRequest request, CancellationToken ct) =>
        RunAsync(id, request, async (state, token) =>
        {
            var to = await users.GetAsync(toUserId, token) is { } row
                ? new UserState(true, row.Id, row.Mobile, row.DisplayName, row.Gender, row.Email, row.DepartmentId, row.PositionId,
                    row.SuperiorId, row.RoleIds, row.IsSuperAdmin, row.IsDisabled)
                : null;
            return User.Decide(new HandOverRecords(id, toUserId, to), state, CommandRequests.Context(clock, request));
        }, ct);

    private async Task<bool> MobileTakenAsync(Guid id, string? mobile, CancellationToken ct) =>
        !string.IsNullOrWhiteSpace(mobile) && await users.FindByMobileAsync(mobile.Trim(), ct) is { } other && other.Id != id;

    /// <param name="create">A registration: an id that any stream holds already (another user's, a customer's) is id_taken.</param>
    private async Task<CommandOutcome> RunAsync(
        Guid id, CommandRequest request, Func<UserState, CancellationToken, ValueTask<Decision>> decide, CancellationToken ct, bool create = false)
    {
        await using var directoryLock = await UserDirectoryLock.AcquireAsync(dataSource, ct);
        try
        {
            // Super administration only changes under this lock, so the answer holds until the write.
            var actorIsSuperAdmin = request.Metadata.ActorId is { } actor && await users.GetAsync(actor, ct) is { IsSuperAdmin: true, IsDisabled: false };
            ValueTask<Decision> Guarded(UserState state, CancellationToken token) =>
                IdentityRefusals.ProtectSuperAdmin(state, actorIsSuperAdmin) is { } protectedAccount
                    ? ValueTask.FromResult<Decision>(protectedAccount)
                    : decide(state, token);
            return create
                ? await handler.CreateAsync(User.Decider, id, Guarded, request, ct)
                : await handler.HandleAsync(User.Decider, id, (state, _, token) => Guarded(state, token), request, ct);
        }
        finally
        {
            sessions.Forget(id);
        }
    }
}

/// <summary>The fields a PATCH sent (null: not sent).</summary>
public sealed record UserChanges(
    Edit<string?>? Mobile, Edit<string?>? DisplayName, Edit<string?>? Gender, Edit<string?>? Email,
    Edit<Guid?>? DepartmentId, Edit<Guid?>? PositionId, Edit<Guid?>? SuperiorId);
