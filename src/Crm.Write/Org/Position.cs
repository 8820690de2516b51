using Crm.Events.Org;

namespace Crm.Write.Org;

/// <summary>Set up a position. The handler looks up whether the department and the superior position exist.</summary>
public sealed record CreatePosition(Guid PositionId, string? Name, Guid? DepartmentId, bool DepartmentExists, Guid? SuperiorPositionId, bool SuperiorExists);

/// <summary>Rename a position and/or move it to another department; null fields stay.</summary>
public sealed record ChangePosition(Guid PositionId, string? Name, Guid? DepartmentId, bool DepartmentExists);

/// <summary>
/// Give a position another superior (null: none). <paramref name="SuperiorAncestry"/> is the new
/// superior followed by its own superiors up to the top, read by the handler; the position may not
/// appear in it, or the chain would close a cycle. Null when the superior was not found.
/// </summary>
public sealed record SetSuperiorPosition(Guid PositionId, Guid? SuperiorPositionId, IReadOnlyList<Guid>? SuperiorAncestry);

/// <summary>Delete a position; the handler counts the users holding it and the positions directly under it.</summary>
public sealed record DeletePosition(Guid PositionId, int Holders, int SubordinatePositions);

public sealed record PositionState(bool Exists, bool Deleted, Guid Id, string Name, Guid DepartmentId, Guid? SuperiorPositionId)
{
    public static PositionState None { get; } = new(false, false, Guid.Empty, "", Guid.Empty, null);

    public bool Live => Exists && !Deleted;
}

/// <summary>The position decider (ORG-2): positions live in departments and may report to a superior position.</summary>
public static class Position
{
    public const string StreamType = "position";
    public const int MaxNameLength = 100;

    public static Decider<PositionState> Decider { get; } = new(StreamType, PositionState.None, Evolve);

    public static PositionState Evolve(PositionState state, object @event) => @event switch
    {
        PositionCreated e => new PositionState(true, false, e.PositionId, e.Name, e.DepartmentId, e.SuperiorPositionId),
        PositionRenamed e => state with { Name = e.Name },
        PositionDepartmentChanged e => state with { DepartmentId = e.DepartmentId },
        PositionSuperiorChanged e => state with { SuperiorPositionId = e.SuperiorPositionId },
        PositionDeleted => state with { Deleted = true },
        _ => state,
    };

    public static Decision Decide(CreatePosition command, PositionState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("position_exists", $"Position {command.PositionId} already exists.", "id");
        if (ValidName(command.Name) is { } badName) return badName;
        if (command.DepartmentId is null) return DomainError.Invalid("departmentId", "department_required", "A position belongs to a department.");
        if (!command.DepartmentExists) return DepartmentNotFound(command.DepartmentId.Value);
        if (command.SuperiorPositionId is { } superior && !command.SuperiorExists) return SuperiorNotFound(superior);
        return Decision.Accept(new PositionCreated(command.PositionId, command.Name!.Trim(), command.DepartmentId.Value, command.SuperiorPositionId));
    }

    public static Decision Decide(ChangePosition command, PositionState state, CommandContext context)
    {
        if (!state.Live) return NotFound(command.PositionId);
        var events = new List<object>();
        if (command.Name is not null)
        {
            if (ValidName(command.Name) is { } badName) return badName;
            if (command.Name.Trim() != state.Name) events.Add(new PositionRenamed(state.Id, command.Name.Trim(), state.Name));
        }
        if (command.DepartmentId is { } department && department != state.DepartmentId)
        {
            if (!command.DepartmentExists) return DepartmentNotFound(department);
            events.Add(new PositionDepartmentChanged(state.Id, department, state.DepartmentId));
        }
        return events.Count == 0 ? Decision.Nothing : Decision.Accept([.. events]);
    }

    public static Decision Decide(SetSuperiorPosition command, PositionState state, CommandContext context)
    {
        if (!state.Live) return NotFound(command.PositionId);
        if (command.SuperiorPositionId == state.SuperiorPositionId) return Decision.Nothing;
        if (command.SuperiorPositionId is { } superior)
        {
            if (superior == state.Id)
                return DomainError.Conflict("position_cycle", "A position cannot be its own superior.", "superiorPositionId");
            if (command.SuperiorAncestry is null) return SuperiorNotFound(superior);
            if (command.SuperiorAncestry.Contains(state.Id))
                return DomainError.Conflict("position_cycle", "A position cannot report to one of the positions under it.", "superiorPositionId");
        }
        return Decision.Accept(new PositionSuperiorChanged(state.Id, command.SuperiorPositionId, state.SuperiorPositionId));
    }

    public static Decision Decide(DeletePosition command, PositionState state, CommandContext context)
    {
        if (!state.Live) return NotFound(command.PositionId);
        if (command.Holders > 0)
            return DomainError.Conflict("position_in_use", $"{command.Holders} user(s) hold this position: give them another one first.");
        // Refused rather than re-linking silently: which superior the positions below should get is the administrator's call.
        if (command.SubordinatePositions > 0)
            return DomainError.Conflict("position_has_subordinates",
                $"{command.SubordinatePositions} position(s) report to this one: give them another superior first.");
        return Decision.Accept(new PositionDeleted(state.Id, state.Name, state.DepartmentId));
    }

    private static DomainError? ValidName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return DomainError.Invalid("name", "name_required", "A position needs a name.");
        if (name.Trim().Length > MaxNameLength)
            return DomainError.Invalid("name", "name_too_long", $"A position name has at most {MaxNameLength} characters.");
        return null;
    }

    private static DomainError NotFound(Guid id) => DomainError.NotFound("position_not_found", $"Position {id} does not exist.");

    private static DomainError DepartmentNotFound(Guid id) =>
        DomainError.Unprocessable("departmentId", "department_not_found", $"Department {id} does not exist.");

    private static DomainError SuperiorNotFound(Guid id) =>
        DomainError.Unprocessable("superiorPositionId", "superior_position_not_found", $"Position {id} does not exist.");
}
