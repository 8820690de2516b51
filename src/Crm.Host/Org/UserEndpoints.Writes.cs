using System.Text.Json.Nodes;
using Crm.Host.Access;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Org;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Org;

public static partial class UserEndpoints
{
    // Every action takes Idempotency-Key (a retry answers the first result) and, except hand-over, If-Match (412 when the user changed
    // since it was read). Create and reset-password read their headers themselves: their fingerprint leaves the password out.
    private static void MapWrites(RouteGroupBuilder group)
    {
        const CommandHeaders Both = CommandHeaders.IfMatch | CommandHeaders.IdempotencyKey;
        group.MapPost("/", CreateUser).WithName("CreateUser").Documented(UserApiDocs.Create);
        group.MapPatch("/{id}", UpdateUser).WithName("UpdateUser").AsCommand(CommandHeaders.IfMatch).Documented(UserApiDocs.Update)
            .AddOpenApiOperationTransformer(async (operation, context, ct) =>
            {
                // The body binds as a JSON object (to tell "absent" from "null"); document it as its fields.
                var schema = await context.GetOrCreateSchemaAsync(typeof(UpdateUserRequest), null, ct);
                foreach (var media in operation.RequestBody?.Content?.Values ?? []) media.Schema = schema;
            });
        group.MapPost("/{id}/disable", DisableUser).WithName("DisableUser").AsCommand(Both).Documented(UserApiDocs.Disable);
        group.MapPost("/{id}/enable", EnableUser).WithName("EnableUser").AsCommand(Both).Documented(UserApiDocs.Enable);
        group.MapPost("/{id}/roles", SetRoles).WithName("SetUserRoles").AsCommand(Both).Documented(UserApiDocs.SetRoles);
        group.MapPost("/{id}/super-admin", SetSuperAdmin).WithName("SetSuperAdmin").AsCommand(Both).Documented(UserApiDocs.SetSuperAdmin);
        group.MapPost("/{id}/reset-password", ResetPassword).WithName("ResetUserPassword").Documented(UserApiDocs.ResetPassword);
        group.MapPost("/{id}/hand-over", HandOver).WithName("HandOverUserRecords").AsCommand(CommandHeaders.IdempotencyKey).Documented(UserApiDocs.HandOver);
    }

    /// <summary>Register a user. A retry with the same Idempotency-Key answers the first result and writes nothing.</summary>
    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateUser(
        CreateUserRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, [AsParameters] UserServices s)
    {
        if (await IdentityGuard.RequireAdministratorAsync(s.Http, "user.create", s.Ct) is { } forbidden) return forbidden;
        // Roles given at creation are a grant like any other: the creator needs that permission too.
        if (body.RoleIds is { Count: > 0 } && await IdentityGuard.RequireAdministratorAsync(s.Http, "user.grant", s.Ct) is { } noGrant) return noGrant;
        if (!Idempotency.IsUsableKey(idempotencyKey)) return CommandRequests.BadIdempotencyKey();
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var refused = UserRules.Mobile(body.Mobile) ?? UserRules.Password(body.Password) ?? UserRules.DisplayName(body.DisplayName);
        if (refused is not null) return refused.ToProblem();
        // The retry fingerprint leaves the password out: it is kept in the command log, and a password must only ever be stored hashed.
        var request = CommandRequests.For(s.Http, body with { Password = null }, idempotencyKey);
        var command = new AddUser(body.Id, body.Mobile, body.DisplayName, body.Gender, body.Email, body.DepartmentId, body.PositionId, body.SuperiorId,
            body.RoleIds, s.Passwords.Hash(body.Password!));
        var outcome = await s.Handler.AddAsync(command, s.Caller, request, s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await Written(outcome, s);
        return TypedResults.Created($"/api/users/{row.Id}", UserResponse.From(row));
    }

    /// <summary>Change a user's details: only the fields sent change; null clears an optional field.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateUser(Guid id, JsonObject body, [AsParameters] UserServices s)
    {
        if (await RequireAsync(s, "user.edit") is { } forbidden) return forbidden;
        if (UserPatch.TryRead(body, out var problem) is not { } changes) return problem!;
        return await Answer(await s.Handler.EditAsync(new EditUser(id, changes), s.Caller, s.Http.Command(), s.Ct), s);
    }

    /// <summary>Disable a user: no sign-in, live tokens stop working. Never deleted.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> DisableUser(Guid id, [AsParameters] UserServices s) =>
        await RequireAsync(s, "user.disable") ?? await Answer(await s.Handler.DisableAsync(new DisableAccount(id), s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Enable a disabled user again.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> EnableUser(Guid id, [AsParameters] UserServices s) =>
        await RequireAsync(s, "user.disable") ?? await Answer(await s.Handler.EnableAsync(new EnableUser(id), s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Replace the set of roles a user holds.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetRoles(Guid id, SetUserRolesRequest body, [AsParameters] UserServices s) =>
        await RequireAsync(s, "user.grant")
        ?? await Answer(await s.Handler.GiveRolesAsync(new GiveRoles(id, body.RoleIds), s.Caller, s.Http.Command(), s.Ct), s);

    /// <summary>Grant or revoke super administration.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetSuperAdmin(Guid id, SuperAdminRequest body, [AsParameters] UserServices s)
    {
        if (await IdentityGuard.RequireAdministratorAsync(s.Http, IdentityGuard.SuperAdministration, s.Ct) is { } forbidden) return forbidden;
        if (body.Grant is not { } grant) return DomainProblems.Invalid("grant", "grant_required", "Send grant: true to grant, false to revoke.");
        return await Answer(await s.Handler.GrantSuperAdminAsync(new GrantSuperAdmin(id, grant), s.Caller, s.Http.Command(), s.Ct), s);
    }

    /// <summary>Set a new password for a user; their live tokens stop working.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ResetPassword(
        Guid id, ResetPasswordRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, [AsParameters] UserServices s)
    {
        if (await RequireAsync(s, "user.reset-password") is { } forbidden) return forbidden;
        if (UserRules.Password(body.Password) is { } refused) return refused.ToProblem();
        // The fingerprint leaves the password out (see CreateUser).
        if (CommandRequests.Read(s.Http, null, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        return await Answer(await s.Handler.SetPasswordAsync(new NewPassword(id, s.Passwords.Hash(body.Password!), "reset"), s.Caller, request, s.Ct), s);
    }

    /// <summary>Hand a disabled user's records over to another user.</summary>
    /// <param name="id">The disabled user's id.</param>
    private static async Task<Results<Ok<HandOverResponse>, ProblemHttpResult>> HandOver(
        Guid id, HandOverRequest body, IEnumerable<IRecordsHandOver> modules, [AsParameters] UserServices s)
    {
        if (await IdentityGuard.RequireAdministratorAsync(s.Http, "user.hand-over", s.Ct) is { } forbidden) return forbidden;
        if (body.ToUserId is not { } to || to == Guid.Empty)
            return DomainProblems.Invalid("toUserId", "to_user_required", "Name the user who receives the records.");
        var request = s.Http.Command();
        var outcome = await s.Handler.HandOverAsync(new HandOver(id, to), s.Caller, request, s.Ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var counts = new Dictionary<string, int>();
        foreach (var module in modules) counts[module.Module] = await module.HandOverAsync(id, to, request, s.Ct);
        return TypedResults.Ok(new HandOverResponse(id, to, counts));
    }

    /// <summary>
    /// The operation's permission, and user.detail: these writes answer the whole user record (mobile, e-mail, roles, super-admin flag);
    /// answering it to a caller without that right would leak what GET /api/users/{id} guards.
    /// </summary>
    private static async Task<ProblemHttpResult?> RequireAsync(UserServices s, string operation) =>
        await IdentityGuard.RequireAdministratorAsync(s.Http, operation, s.Ct) ?? await IdentityGuard.RequireAdministratorAsync(s.Http, "user.detail", s.Ct);

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Answer(CommandOutcome outcome, UserServices s)
    {
        if (outcome.Error is { } error) return error.ToProblem();
        return TypedResults.Ok(UserResponse.From(await Written(outcome, s)));
    }

    /// <summary>The user exactly as the command left them, folded to the version it produced (a replay answers the same).</summary>
    private static Task<UserRow> Written(CommandOutcome outcome, UserServices s) =>
        s.Http.WrittenAsync(outcome, "User", (id, version, t) => s.Queries.GetAsOfAsync(id, version, null, t), r => r.Version, s.Ct);
}
