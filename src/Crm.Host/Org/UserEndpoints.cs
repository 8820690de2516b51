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

        group.MapGet("/", ListUsers).WithName("ListUsers").RequirePermission("user.list")
            .WithSummary("List users by display name, a page at a time")
            .WithDescription("The full directory (mobile numbers, email, roles, super-administrator flag); to choose a user, GET /api/users/picker "
                + "needs less. Keyset paging: pass nextCursor back as ?cursor=. Filters: departmentId, q (part of the display name or "
                + "mobile number), status (enabled, disabled; default all). limit defaults to the listPageSize setting.")
            .ProducesValidationProblem()
            .WithExamples(response: $$"""{"items":[{{Example.User}}],"nextCursor":null}""");
        group.MapGet("/{id}", GetUser).WithName("GetUser").RequirePermission("user.detail")
            .WithSummary("Read a user, now or as it was")
            .WithDescription("ETag is the user's version. ?version=n or ?asOf=<ISO 8601> show the user as they were then (time travel). Never includes credentials.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.User);
        group.MapGet("/{id}/history", GetUserHistory).WithName("GetUserHistory").RequirePermission("user.detail")
            .WithSummary("A user's operation log")
            .WithDescription("One entry per change, oldest first: version, time, action, the acting user (actorId), request id, and each changed field's old and new value. A password change is listed without any value.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: Example.History);
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

    private static ProblemHttpResult NotFound(Guid id) => Write.DomainError.NotFound("user_not_found", $"User {id} does not exist (or did not at that version or moment).").ToProblem();

    /// <summary>Example payloads for the OpenAPI document.</summary>
    private static class Example
    {
        public const string User = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","mobile":"13800000001","displayName":"Li Na","gender":"female","email":"li.na@example.com",
             "departmentId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d11","positionId":null,"superiorId":null,"roleIds":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d31"],
             "isSuperAdmin":false,"isDisabled":false,"version":2,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-02T10:30:00+00:00"}
            """;

        public const string History = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","items":[
              {"version":1,"at":"2026-03-01T09:00:00+00:00","action":"registered","eventType":"user.registered","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","requestId":"7f3c","changes":[{"field":"mobile","old":null,"new":"13800000001"},{"field":"displayName","old":null,"new":"Li Na"}]},
              {"version":2,"at":"2026-03-01T09:00:00+00:00","action":"password-initial","eventType":"user.password-set","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","requestId":"7f3c","changes":[{"field":"password","old":null,"new":null}]},
              {"version":3,"at":"2026-03-02T10:30:00+00:00","action":"roles-changed","eventType":"user.roles-changed","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","requestId":"81aa","changes":[{"field":"roleIds","old":"","new":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d31"}]}]}
            """;
    }
}
