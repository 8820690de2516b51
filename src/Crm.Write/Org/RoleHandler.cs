using Npgsql;

namespace Crm.Write.Org;

/// <summary>A new role; the handler checks the caller may hand out what it carries, and that the name is free.</summary>
public sealed record AddRole(Guid? RoleId, string? Name, string? Description, IReadOnlyList<string>? Permissions, string? DataScope);

/// <summary>Change a role: only the fields given (not null) change.</summary>
public sealed record EditRole(Guid RoleId, string? Name, string? Description, IReadOnlyList<string>? Permissions, string? DataScope);

/// <summary>Delete a role nobody holds.</summary>
public sealed record RemoveRole(Guid RoleId);

/// <summary>
/// The role commands (ORG-4): the caller's rights bound what a role may carry (<see cref="RoleGrants"/>);
/// "is the name free?" and "take it" are one step under the role-name lock, and "nobody holds it" still
/// holds at the deletion under the user-directory lock (taken by every user write), both inside the append's transaction.
/// </summary>
public sealed class RoleHandler(CommandHandler handler, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public Task<CommandOutcome> AddAsync(AddRole command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.RoleId ?? Guid.CreateVersion7();
        if (new RoleGrants(caller).MayShape(command.Permissions, command.DataScope) is { } beyond) return Task.FromResult(CommandOutcome.Refused(id, beyond));
        var taken = NameCheck(command.Name, id);
        return handler.CreateAsync(Role.Decider, id, async (state, t) =>
            Role.Decide(new CreateRole(id, command.Name, command.Description, command.Permissions, command.DataScope, await taken.ReadAsync(t)), state,
                CommandContexts.For(clock, request)),
            request, taken.Guard, ct);
    }

    /// <remarks>Reshaping a role needs the caller's rights to cover it both as it is and as it will be; nobody edits a role they hold.</remarks>
    public Task<CommandOutcome> EditAsync(EditRole command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var grants = new RoleGrants(caller);
        if (grants.MayEdit(command.RoleId) is { } ownRole) return Task.FromResult(CommandOutcome.Refused(command.RoleId, ownRole));
        var taken = NameCheck(command.Name, command.RoleId);
        return handler.HandleAsync(Role.Decider, command.RoleId, async (state, _, t) =>
        {
            if (state.Exists && !state.Deleted && (command.Permissions is not null || command.DataScope is not null))
            {
                if ((grants.MayShape(state.Permissions, state.DataScope)
                     ?? grants.MayShape(command.Permissions ?? state.Permissions!, command.DataScope ?? state.DataScope)) is { } beyond) return beyond;
            }
            var change = new ChangeRole(command.RoleId, command.Name, command.Description, command.Permissions, command.DataScope, await taken.ReadAsync(t));
            return Role.Decide(change, state, CommandContexts.For(clock, request));
        }, request, command.Name is null ? null : taken.Guard, ct);
    }

    public Task<CommandOutcome> RemoveAsync(RemoveRole command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var holders = new OrgCheck<int>(dataSource, (facts, t) => facts.RoleHoldersAsync(command.RoleId, t), OrgLocks.Users);
        return handler.HandleAsync(Role.Decider, command.RoleId, async (state, _, t) =>
            Role.Decide(new DeleteRole(command.RoleId, await holders.ReadAsync(t)), state, CommandContexts.For(clock, request)), request, holders.Guard, ct);
    }

    private OrgCheck<bool> NameCheck(string? name, Guid id) => new(dataSource, (facts, t) => facts.RoleNameTakenAsync(name, id, t), OrgLocks.RoleNames);
}
