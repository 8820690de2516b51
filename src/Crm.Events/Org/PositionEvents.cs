namespace Crm.Events.Org;

// Position events carry the previous value next to the new one, like the department events.

/// <summary>A position (岗位) was set up in a department, optionally under a superior position.</summary>
public sealed record PositionCreated(Guid PositionId, string Name, Guid DepartmentId, Guid? SuperiorPositionId);

public sealed record PositionRenamed(Guid PositionId, string Name, string PreviousName);

/// <summary>A position moved to another department.</summary>
public sealed record PositionDepartmentChanged(Guid PositionId, Guid DepartmentId, Guid PreviousDepartmentId);

/// <summary>A position got another superior position (null: none).</summary>
public sealed record PositionSuperiorChanged(Guid PositionId, Guid? SuperiorPositionId, Guid? PreviousSuperiorPositionId);

/// <summary>A position nobody held, with no subordinate positions, was deleted; its stream and history stay.</summary>
public sealed record PositionDeleted(Guid PositionId, string Name, Guid DepartmentId);
