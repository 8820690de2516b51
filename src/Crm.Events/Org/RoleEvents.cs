namespace Crm.Events.Org;

// Role events name the old value next to the new one, so "who granted what, when" reads straight
// from the event (ORG-7). Data scopes are stored by their stable snake_case names (self,
// self_and_subordinates, department, department_and_children, all); permissions by their catalogue
// names (customer.create …).

/// <summary>A role was set up with its operation permissions and its one data scope.</summary>
public sealed record RoleCreated(Guid RoleId, string Name, string Description, IReadOnlyList<string> Permissions, string DataScope);

/// <summary>A role got a new name.</summary>
public sealed record RoleRenamed(Guid RoleId, string Name, string PreviousName);

/// <summary>A role's description changed.</summary>
public sealed record RoleDescriptionChanged(Guid RoleId, string Description, string PreviousDescription);

/// <summary>A role's operation permissions were replaced; Granted and Revoked are the difference, for the audit trail.</summary>
public sealed record RolePermissionsChanged(
    Guid RoleId, IReadOnlyList<string> Permissions, IReadOnlyList<string> PreviousPermissions,
    IReadOnlyList<string> Granted, IReadOnlyList<string> Revoked);

/// <summary>A role's data scope changed (whose records its holders see).</summary>
public sealed record RoleDataScopeChanged(Guid RoleId, string DataScope, string PreviousDataScope);

/// <summary>A role was deleted; no user held it any more.</summary>
public sealed record RoleDeleted(Guid RoleId, string Name);
