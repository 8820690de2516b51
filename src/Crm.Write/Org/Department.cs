using Crm.Events.Org;

namespace Crm.Write.Org;

/// <summary>Set up a department. ParentExists is looked up by the handler; the decider stays pure.</summary>
public sealed record CreateDepartment(Guid DepartmentId, string? Name, Guid? ParentId, bool ParentExists);

public sealed record RenameDepartment(Guid DepartmentId, string? Name);

/// <summary>
/// Put a department under another parent (null: the top level). <paramref name="ParentAncestry"/> is
/// the new parent followed by its ancestors up to the top, read by the handler from the org tree;
/// the department may not appear in it, or the tree would get a cycle. Null when the parent was not found.
/// </summary>
public sealed record MoveDepartment(Guid DepartmentId, Guid? ParentId, IReadOnlyList<Guid>? ParentAncestry);

/// <summary>Delete a department. The counts are read by the handler from the read models; all must be zero.</summary>
public sealed record DeleteDepartment(Guid DepartmentId, int SubDepartments, int Users, int Positions);

public sealed record DepartmentState(bool Exists, Guid Id, string Name, Guid? ParentId, bool Deleted = false)
{
    public static DepartmentState None { get; } = new(false, Guid.Empty, "", null);

    public bool Live => Exists && !Deleted;
}

/// <summary>The department decider: the org tree's rules, one department per stream.</summary>
public static class Department
{
    public const string StreamType = "department";
    public const int MaxNameLength = 100;

    public static Decider<DepartmentState> Decider { get; } = new(StreamType, DepartmentState.None, Evolve);

    public static DepartmentState Evolve(DepartmentState state, object @event) => @event switch
    {
        DepartmentCreated e => new DepartmentState(true, e.DepartmentId, e.Name, e.ParentId),
        DepartmentRenamed e => state with { Name = e.Name },
        DepartmentMoved e => state with { ParentId = e.ParentId },
        DepartmentDeleted => state with { Deleted = true },
        _ => state,
    };

    public static Decision Decide(CreateDepartment command, DepartmentState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("department_exists", $"Department {command.DepartmentId} already exists.", "id");
        if (ValidName(command.Name) is { } refused) return refused;
        if (command.ParentId is not null && !command.ParentExists) return ParentNotFound(command.ParentId.Value);
        return Decision.Accept(new DepartmentCreated(command.DepartmentId, command.Name!.Trim(), command.ParentId));
    }

    public static Decision Decide(RenameDepartment command, DepartmentState state, CommandContext context)
    {
        if (!state.Live) return NotFound(command.DepartmentId);
        if (ValidName(command.Name) is { } refused) return refused;
        var name = command.Name!.Trim();
        return name == state.Name ? Decision.Nothing : Decision.Accept(new DepartmentRenamed(state.Id, name, state.Name));
    }

    public static Decision Decide(MoveDepartment command, DepartmentState state, CommandContext context)
    {
        if (!state.Live) return NotFound(command.DepartmentId);
        if (command.ParentId == state.ParentId) return Decision.Nothing;
        if (command.ParentId is { } parentId)
        {
            if (parentId == state.Id)
                return DomainError.Conflict("department_cycle", "A department cannot be put under itself.", "parentId");
            if (command.ParentAncestry is null) return ParentNotFound(parentId);
            if (command.ParentAncestry.Contains(state.Id))
                return DomainError.Conflict("department_cycle", "A department cannot be put under one of its own sub-departments.", "parentId");
        }
        return Decision.Accept(new DepartmentMoved(state.Id, command.ParentId, state.ParentId));
    }

    public static Decision Decide(DeleteDepartment command, DepartmentState state, CommandContext context)
    {
        if (!state.Live) return NotFound(command.DepartmentId);
        if (command.SubDepartments > 0 || command.Users > 0 || command.Positions > 0)
            return DomainError.Conflict("department_not_empty",
                $"The department still has {command.SubDepartments} sub-department(s), {command.Users} user(s) and {command.Positions} position(s): " +
                    $"move or delete them first.");
        return Decision.Accept(new DepartmentDeleted(state.Id, state.Name, state.ParentId));
    }

    private static DomainError? ValidName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return DomainError.Invalid("name", "name_required", "A department needs a name.");
        if (name.Trim().Length > MaxNameLength)
            return DomainError.Invalid("name", "name_too_long", $"A department name has at most {MaxNameLength} characters.");
        return null;
    }

    private static DomainError NotFound(Guid id) => DomainError.NotFound("department_not_found", $"Department {id} does not exist.");

    private static DomainError ParentNotFound(Guid id) =>
        DomainError.Unprocessable("parentId", "parent_not_found", $"Parent department {id} does not exist.");
}
