using Crm.Events.Org;
using Crm.Write.Access;

namespace Crm.Write.Org;

/// <summary>Set up a role. NameTaken (another live role has the name) is looked up by the handler.</summary>
public sealed record CreateRole(Guid RoleId, string? Name, string? Description, IReadOnlyList<string>? Permissions, string? DataScope, bool NameTaken);

/// <summary>Change a role; null fields stay as they are. Each changed field becomes its own event, naming old and new.</summary>
public sealed record ChangeRole(Guid RoleId, string? Name, string? Description, IReadOnlyList<string>? Permissions, string? DataScope, bool NameTaken);

/// <summary>Delete a role. UsersHoldingIt is counted by the handler from org.users.</summary>
public sealed record DeleteRole(Guid RoleId, int UsersHoldingIt);

public sealed record RoleState(bool Exists, bool Deleted, Guid Id, string Name, string Description, IReadOnlyList<string> Permissions, string DataScope)
{
    public static RoleState None { get; } = new(false, false, Guid.Empty, "", "", [], "self");
}

/// <summary>The role decider (ORG-4, ORG-7): one role per stream, every permission change an event.</summary>
public static class Role
{
    public const string StreamType = "role";
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;

    public static Decider<RoleState> Decider { get; } = new(StreamType, RoleState.None, Evolve);

    public static RoleState Evolve(RoleState state, object @event) => @event switch
    {
        RoleCreated e => new RoleState(true, false, e.RoleId, e.Name, e.Description, e.Permissions, e.DataScope),
        RoleRenamed e => state with { Name = e.Name },
        RoleDescriptionChanged e => state with { Description = e.Description },
        RolePermissionsChanged e => state with { Permissions = e.Permissions },
        RoleDataScopeChanged e => state with { DataScope = e.DataScope },
        RoleDeleted => state with { Deleted = true },
        _ => state,
    };

    public static Decision Decide(CreateRole command, RoleState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("role_exists", $"Role {command.RoleId} already exists.", "id");
        if (ValidName(command.Name, command.NameTaken) is { } badName) return badName;
        if (ValidDescription(command.Description) is { } badDescription) return badDescription;
        if (command.DataScope is null) return DomainError.Invalid("dataScope", "data_scope_required", "A role needs a data scope: " + string.Join(", ",
            DataScopes.Names) + ".");
        if (ValidScope(command.DataScope) is { } badScope) return badScope;
        if (Normalize(command.Permissions ?? []) is not { } permissions) return UnknownPermission(command.Permissions!);
        return Decision.Accept(new RoleCreated(command.RoleId, command.Name!.Trim(), command.Description?.Trim() ?? "", permissions, command.DataScope));
    }

    public static Decision Decide(ChangeRole command, RoleState state, CommandContext context)
    {
        if (!state.Exists || state.Deleted) return NotFound(command.RoleId);
        var events = new List<object>();
        if (command.Name is not null)
        {
            if (ValidName(command.Name, command.NameTaken) is { } badName) return badName;
            var name = command.Name.Trim();
            if (name != state.Name) events.Add(new RoleRenamed(state.Id, name, state.Name));
        }
        if (command.Description is not null)
        {
            if (ValidDescription(command.Description) is { } badDescription) return badDescription;
            var description = command.Description.Trim();
            if (description != state.Description) events.Add(new RoleDescriptionChanged(state.Id, description, state.Description));
        }
        if (command.Permissions is not null)
        {
            if (Normalize(command.Permissions) is not { } permissions) return UnknownPermission(command.Permissions);
            var granted = permissions.Except(state.Permissions, StringComparer.Ordinal).ToList();
            var revoked = state.Permissions.Except(permissions, StringComparer.Ordinal).ToList();
            if (granted.Count > 0 || revoked.Count > 0)
                events.Add(new RolePermissionsChanged(state.Id, permissions, state.Permissions, granted, revoked));
        }
        if (command.DataScope is not null)
        {
            if (ValidScope(command.DataScope) is { } badScope) return badScope;
            if (command.DataScope != state.DataScope) events.Add(new RoleDataScopeChanged(state.Id, command.DataScope, state.DataScope));
        }
        return events.Count == 0 ? Decision.Nothing : Decision.Accept([.. events]);
    }

    public static Decision Decide(DeleteRole command, RoleState state, CommandContext context)
    {
        if (!state.Exists || state.Deleted) return NotFound(command.RoleId);
        // Refused rather than silently revoked: taking a role away from people is a decision an
        // administrator makes user by user (and each revocation is its own audited event).
        if (command.UsersHoldingIt > 0)
            return DomainError.Conflict("role_in_use", $"{command.UsersHoldingIt} user(s) still hold this role: take it away from them first.");
        return Decision.Accept(new RoleDeleted(state.Id, state.Name));
    }

    /// <summary>The permissions sorted and without duplicates; null when one is not in the catalogue.</summary>
    private static List<string>? Normalize(IReadOnlyList<string> permissions) =>
        permissions.All(p => p is not null && PermissionCatalogue.IsKnown(p))
            ? permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : null;

    private static DomainError UnknownPermission(IReadOnlyList<string> permissions)
    {
        var unknown = permissions.First(p => p is null || !PermissionCatalogue.IsKnown(p));
        var shown = unknown is null ? "null" : unknown.Length > 60 ? unknown[..60] + "…" : unknown;
        return DomainError.Invalid("permissions", "permission_unknown", $"'{shown}' is not a permission: GET /api/permissions lists them.");
    }

    private static DomainError? ValidName(string? name, bool taken)
    {
        if (string.IsNullOrWhiteSpace(name)) return DomainError.Invalid("name", "name_required", "A role needs a name.");
        if (name.Trim().Length > MaxNameLength) return DomainError.Invalid("name", "name_too_long", $"A role name has at most {MaxNameLength} characters.");
        if (taken) return DomainError.Conflict("role_name_taken", $"Another role is already called '{name.Trim()}'.", "name");
        return null;
    }

    private static DomainError? ValidDescription(string? description) =>
        description is not null && description.Trim().Length > MaxDescriptionLength
            ? DomainError.Invalid("description", "description_too_long", $"A role description has at most {MaxDescriptionLength} characters.")
            : null;

    private static DomainError? ValidScope(string scope) =>
        DataScopes.TryParse(scope, out _) ? null
            : DomainError.Invalid("dataScope", "data_scope_unknown", "The data scope is one of: " + string.Join(", ", DataScopes.Names) + ".");

    private static DomainError NotFound(Guid id) => DomainError.NotFound("role_not_found", $"Role {id} does not exist.");
}
