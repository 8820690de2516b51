using Crm.Write.Access;
using Crm.Host.Platform;
using Crm.Projections.Org;

namespace Crm.Host.Org;

/// <summary>A new role.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="Name">Unique display name, 1 to 100 characters after trimming.</param>
/// <param name="Description">Optional, at most 500 characters.</param>
/// <param name="Permissions">Operation permissions by catalogue name (GET /api/permissions); duplicates are dropped.</param>
/// <param name="DataScope">self, self_and_subordinates, department, department_and_children or all.</param>
public sealed record CreateRoleRequest(
    Guid? Id, [property: MustSend] string? Name, string? Description, IReadOnlyList<string>? Permissions,
    [property: MustSend, WireValues(typeof(DataScopes), nameof(DataScopes.Names))] string? DataScope);

/// <summary>Fields to change; only the ones sent change, each as its own audited event.</summary>
/// <param name="Permissions">The complete new set of permissions (not a difference); history lists what was granted and revoked.</param>
public sealed record UpdateRoleRequest(string? Name, string? Description, IReadOnlyList<string>? Permissions,
    [property: WireValues(typeof(DataScopes), nameof(DataScopes.Names))] string? DataScope);

/// <summary>A role.</summary>
/// <param name="Version">Its stream version; the same value as the ETag, to send back in If-Match.</param>
public sealed record RoleResponse(
    Guid Id, string Name, string Description, IReadOnlyList<string> Permissions,
    [property: WireValues(typeof(DataScopes), nameof(DataScopes.Names))] string DataScope, bool IsDeleted,
    long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static RoleResponse From(RoleRow row) =>
        new(row.Id, row.Name, row.Description, row.Permissions, row.DataScope, row.IsDeleted, row.Version, row.CreatedAt, row.UpdatedAt);
}

/// <summary>One page of roles, ordered by name; deleted roles are left out.</summary>
/// <param name="NextCursor">Pass as ?cursor= for the next page; null on the last page.</param>
public sealed record RoleListResponse(IReadOnlyList<RoleResponse> Items, string? NextCursor);

/// <summary>A role's operation log, oldest first: who granted what, when.</summary>
public sealed record RoleHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);
