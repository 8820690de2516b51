using Crm.Host.Platform;
using System.Text.Json.Serialization;
using Crm.Projections.Org;

namespace Crm.Host.Org;

/// <summary>A new position.</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="Name">Display name, 1 to 100 characters after trimming.</param>
/// <param name="DepartmentId">The department it belongs to (must exist).</param>
/// <param name="SuperiorPositionId">The position it reports to, or null.</param>
public sealed record CreatePositionRequest(
    Guid? Id, [property: MustSend] string? Name, [property: MustSend] Guid? DepartmentId,
        [property: NullMeans("it reports to no position")] Guid? SuperiorPositionId);

/// <summary>Fields to change; only the ones sent change.</summary>
/// <param name="Name">The new name, 1 to 100 characters after trimming.</param>
/// <param name="DepartmentId">Move the position to this department (must exist).</param>
public sealed record UpdatePositionRequest(string? Name, Guid? DepartmentId);

/// <summary>The position's new superior.</summary>
/// <param name="SuperiorPositionId">The position it now reports to; null for none. Required, so a forgotten field cannot clear it by accident.</param>
public sealed record SetSuperiorPositionRequest([property: JsonRequired, NullMeans("it reports to no position")] Guid? SuperiorPositionId);

/// <summary>A new position inserted between a position and its current superior.</summary>
/// <param name="Id">Optional client-chosen id for the new position.</param>
/// <param name="Name">The new position's name, 1 to 100 characters.</param>
/// <param name="DepartmentId">Its department; the position's own department when absent.</param>
public sealed record InsertSuperiorPositionRequest(Guid? Id, [property: MustSend] string? Name, Guid? DepartmentId);

/// <summary>A position.</summary>
/// <param name="Version">Its stream version; the same value as the ETag, to send back in If-Match.</param>
public sealed record PositionResponse(Guid Id, string Name, Guid DepartmentId, Guid? SuperiorPositionId, long Version, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PositionResponse From(PositionRow row) =>
        new(row.Id, row.Name, row.DepartmentId, row.SuperiorPositionId, row.Version, row.CreatedAt, row.UpdatedAt);
}

/// <summary>One page of positions, ordered by name.</summary>
/// <param name="NextCursor">Pass as ?cursor= for the next page; null on the last page.</param>
public sealed record PositionListResponse(IReadOnlyList<PositionResponse> Items, string? NextCursor);

/// <summary>A position's operation log, oldest first.</summary>
public sealed record PositionHistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Items);
