using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Org;
using Npgsql;

namespace Crm.Host.Org;

/// <summary>Runs the role commands, looking up what the decider needs (name taken, holders) inside the cycle.</summary>
public sealed class RoleCommands(CommandHandler handler, RoleQueries queries, NpgsqlDataSource dataSource, TimeProvider clock)
{
    // The name lock makes "is the name free?" and "take it" one step across hosts.
    public async Task<CommandOutcome> CreateAsync(Guid id, CreateRoleRequest body, CommandRequest request, CancellationToken ct)
    {
        await using var names = await OrgTreeLock.AcquireAsync(dataSource, ct, OrgTreeLock.RoleNamesKey);
        return await handler.CreateAsync(Role.Decider, id, async (state, token) =>
        {
            var taken = !string.IsNullOrWhiteSpace(body.Name) && await queries.NameTakenAsync(body.Name, id, token);
            return Role.Decide(new CreateRole(id, body.Name, body.Description, body.Permissions, body.DataScope, taken), state, Context(request));
        }, request, ct);
    }

    /// <param name="grants">The caller's rights: reshaping a role needs them to cover the role both as it is and as it will be.</param>
    public async Task<CommandOutcome> ChangeAsync(Guid id, UpdateRoleRequest body, RoleGrants grants, CommandRequest request, CancellationToken ct)
    {
        await using var names = body.Name is null ? null : await OrgTreeLock.AcquireAsync(dataSource, ct, OrgTreeLock.RoleNamesKey);
        return await handler.HandleAsync(Role.Decider, id, async (state, _, token) =>
        {
            if (state.Exists && !state.Deleted && (body.Permissions is not null || body.DataScope is not null))
            {
                if ((grants.MayShape(state.Permissions, state.DataScope)
                     ?? grants.MayShape(body.Permissions ?? state.Permissions!, body.DataScope ?? state.DataScope)) is { } beyond) return beyond;
            }
            var taken = !string.IsNullOrWhiteSpace(body.Name) && await queries.NameTakenAsync(body.Name, id, token);
            return Role.Decide(new ChangeRole(id, body.Name, body.Description, body.Permissions, body.DataScope, taken), state, Context(request));
        }, request, ct);
    }

    // Every user write takes the user-directory lock, so no user can be given the role between the
    // holder count and the deletion.
    public async Task<CommandOutcome> DeleteAsync(Guid id, CommandRequest request, CancellationToken ct)
    {
        await using var usersLock = await UserDirectoryLock.AcquireAsync(dataSource, ct);
        return await handler.HandleAsync(Role.Decider, id, async (state, _, token) =>
            Role.Decide(new DeleteRole(id, await queries.HoldersAsync(id, token)), state, Context(request)), request, ct);
    }

    private CommandContext Context(CommandRequest request) => CommandRequests.Context(clock, request);
}
