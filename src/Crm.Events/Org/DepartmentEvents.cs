namespace Crm.Events.Org;

// Department events carry the previous value next to the new one, so the operation log can show
// "old → new" from the event alone, without folding everything that came before it.

/// <summary>A department was set up, at the top level (no parent) or under another department.</summary>
public sealed record DepartmentCreated(Guid DepartmentId, string Name, Guid? ParentId);

/// <summary>A department got a new name.</summary>
public sealed record DepartmentRenamed(Guid DepartmentId, string Name, string PreviousName);

/// <summary>A department was put under another parent (null: the top level).</summary>
public sealed record DepartmentMoved(Guid DepartmentId, Guid? ParentId, Guid? PreviousParentId);

/// <summary>An empty department (no sub-departments, users or positions) was deleted; its stream and history stay.</summary>
public sealed record DepartmentDeleted(Guid DepartmentId, string Name, Guid? ParentId);
