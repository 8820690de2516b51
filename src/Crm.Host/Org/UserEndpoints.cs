using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Host.Settings;
using Crm.Projections;
using Crm.Projections.Org;
using Crm.Write.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Org;

/// <summary>/api/users: users (employees). Reads here; writes in UserEndpoints.Writes.cs.</summary>
public static partial class UserEndpoints
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", ListUsers).WithName("ListUsers").RequirePermission("user.list").Documented(UserApiDocs.List);
        group.MapGet("/{id}", GetUser).WithName("GetUser").RequirePermission("user.detail").Documented(UserApiDocs.Get);
        group.MapGet("/{id}/history", GetUserHistory).WithName("GetUserHistory").RequirePermission("user.detail").Documented(UserApiDocs.History);
        MapPicker(group);
        MapWrites(group);
        return group;
    }

    /// <summary>Read a user, now or as they were (time travel).</summary>
    /// <param name="id">The user's id.</param>
    /// <param name="version">Show the user as they were at this version (1 = as registered).</param>
    /// <param name="asOf">Show the user as they were at this moment (ISO 8601).</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(
        Guid id, long? version, DateTimeOffset? asOf, HttpContext http, UserQueries queries, DatabaseRetry retry, CancellationToken ct)
    {
        if (version is < 1) return DomainProblems.Invalid("version", "version_out_of_range", "Versions start at 1.");
        var row = version is null && asOf is null
            ? await retry.Reads.ExecuteAsync(async t => await queries.GetAsync(id, t), ct)
            : await retry.Reads.ExecuteAsync(async t => await queries.GetAsOfAsync(id, version, asOf, t), ct);
        if (row is null || (version is not null && row.Version < version)) return NotFound(id);
        http.Response.SetETag(row.Version);
        return TypedResults.Ok(UserResponse.From(row));
    }

    /// <summary>List users by display name, a page at a time (keyset paging).</summary>
    /// <param name="departmentId">Only users of this department.</param>
    /// <param name="q">Part of the display name (any case) or of the mobile number, up to 200 characters (the one q rule of every list).</param>
    /// <param name="status">enabled or disabled; absent for all.</param>
    /// <param name="limit">Page size, 1 to 500; default the listPageSize setting.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    private static async Task<Results<Ok<UserListResponse>, ProblemHttpResult>> ListUsers(
        Guid? departmentId, string? q, string? status, int? limit, string? cursor,
        UserQueries queries, SettingsReader settings, DatabaseRetry retry, CancellationToken ct)
    {
        var (page, problem) = await UserPages.ReadAsync(departmentId, q, status, limit, cursor, nameOnly: false, queries, settings, retry, ct);
        if (problem is not null) return problem;
        return TypedResults.Ok(new UserListResponse(page!.Items.Select(UserResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>A user's operation log: one entry per change, with who, when, and each field's old and new value.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserHistoryResponse>, ProblemHttpResult>> GetUserHistory(
        Guid id, HttpContext http, EventStore.EventStore store, DatabaseRetry retry, CancellationToken ct)
    {
        var events = await retry.Reads.ExecuteAsync(async t => await store.ReadStreamAsync(id, ct: t), ct);
        if (events.Count == 0 || events[0].Data is not Events.Org.UserRegistered) return NotFound(id);
        http.Response.SetETag(events[^1].Version);
        return TypedResults.Ok(new UserHistoryResponse(id, UserHistory.Of(events)));
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        Write.DomainError.NotFound("user_not_found", $"User {id} does not exist (or did not at that version or moment).").ToProblem();

}
