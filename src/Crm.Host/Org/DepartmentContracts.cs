using Crm.Host.Platform;
using System.Text.Json.Serialization;
using Crm.Projections.Org;

namespace Crm.Host.Org;

/// <summary>A new department.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="Name">Display name, 1 to 100 characters after trimming.</param>
/// <param name="ParentId">The department it belongs to; null or absent for the top level.</param>
public sealed record CreateDepartmentRequest(Guid? Id, [property: MustSend] string? Name, [property: NullMeans("the top level")] Guid? ParentId);

/// <summary>Fields to change; only the ones sent change.</summary>
/// <param name="Name">The new display name, 1 to 100 characters after trimming.</param>
public sealed record UpdateDepartmentRequest(string? Name);

/// <summary>Where to put the department.</summary>
/// <param name="ParentId">The new parent; null puts it at the top level. Required, so a forgotten field cannot move a department to the top by
/// accident.</param>
public sealed record MoveDepartmentRequest([property: JsonRequired, NullMeans("the top level")] Guid? ParentId);

/// <summary>A department.</summary>
/// <param name="Version">Its stream version; the same value as the ETag, to send back in If-Match.</param>
public sealed record DepartmentResponse(Guid Id, string Name, Guid? ParentId, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static DepartmentResponse From(DepartmentRow row) => new(row.Id, row.Name, row.ParentId, row.Version, row.CreatedAt, row.UpdatedAt);
}

/// <summary>One page of departments, ordered by name.</summary>
/// <param name="NextCursor">Pass as ?cursor= for the next page; null on the last page.</param>
public sealed record DepartmentListResponse(IReadOnlyList<DepartmentResponse> Items, string? NextCursor);

/// <summary>A department's operation log, oldest first.</summary>
public sealed record DepartmentHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);
