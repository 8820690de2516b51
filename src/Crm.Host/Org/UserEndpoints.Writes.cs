using System.Text.Json.Nodes;
using Crm.Host.Access;
using Crm.Host.Auth;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Org;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Org;

public static partial class UserEndpoints
{

    // Every action takes Idempotency-Key (a retry answers the first result) and, except hand-over,
    // If-Match (412 when the user changed since it was read).
    private static void MapWrites(RouteGroupBuilder group)
    {
        group.MapPost("/", CreateUser).WithName("CreateUser")
            .WithSummary("Register a user")
            .WithDescription("Administrators only. The mobile number is the sign-in name and must be unique (409 mobile_taken). The department, "
                + "superior and roles must exist (422); roles given need user.grant and must be within the creator's own rights (403 "
                + "beyond_your_rights). The server picks a UUID v7 id unless the body has one; Idempotency-Key makes retries safe.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExamples("""{"mobile":"13800000001","password":"correct horse battery","displayName":"Li Na","gender":"female","email":"li.na@example.com","departmentId":null,"positionId":null,"superiorId":null,"roleIds":[]}""",
                Example.User, StatusCodes.Status201Created);
        group.MapPatch("/{id}", UpdateUser).WithName("UpdateUser")
            .WithSummary("Change a user's details")
            .WithDescription("Administrators only; answers the whole user, so user.detail is needed too (403 permission_denied). "
                + "Only a super administrator may act on a super administrator's account (403 super_admin_protected). "
                + "JSON merge patch: only the fields sent change; null clears email, departmentId, positionId or superiorId. A superior who"
                + " reports (directly or not) to the user is a 409 superior_cycle. Only a super administrator changes their own departmentId or"
                + " superiorId (403 own_placement_locked). Send If-Match with the ETag you read (412 when stale).")
            .AddOpenApiOperationTransformer(async (operation, context, ct) =>
            {
                // The body binds as a JSON object (to tell "absent" from "null"); document it as its fields.
                var schema = await context.GetOrCreateSchemaAsync(typeof(UpdateUserRequest), null, ct);
                foreach (var media in operation.RequestBody?.Content?.Values ?? []) media.Schema = schema;
            })
            .WithExamples("""{"displayName":"Li Na (Sales)","superiorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","email":null}""", Example.User)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/disable", DisableUser).WithName("DisableUser")
            .WithSummary("Disable a user (离职)")
            .WithDescription("Administrators only; answers the whole user, so user.detail is needed too (403 permission_denied). "
                + "Only a super administrator may act on a super administrator's account (403 super_admin_protected). "
                + "The user can no longer sign in and their live tokens stop working at once. Users are never deleted. The last enabled "
                + "super administrator cannot be disabled (409 last_super_admin). Disabling a disabled user changes nothing.")
            .WithExamples(response: Example.User)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesValidationProblem();
        group.MapPost("/{id}/enable", EnableUser).WithName("EnableUser")
            .WithSummary("Enable a disabled user again")
            .WithDescription("Administrators only; answers the whole user, so user.detail is needed too (403 permission_denied). "
                + "Only a super administrator may act on a super administrator's account (403 super_admin_protected). "
                + "Tokens issued before the user was disabled stay invalid: the user signs in again.")
            .WithExamples(response: Example.User)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesValidationProblem();
        group.MapPost("/{id}/roles", SetRoles).WithName("SetUserRoles")
            .WithSummary("Set the roles a user holds")
            .WithDescription("Administrators only; answers the whole user, so user.detail is needed too (403 permission_denied). "
                + "Only a super administrator may act on a super administrator's account (403 super_admin_protected). "
                + "Replaces the whole set; an empty list removes every role. Unknown role ids are a 422. Nobody but a super administrator "
                + "changes their own roles (403 own_roles_locked) or adds or takes away a role carrying rights they do not hold themselves "
                + "(403 beyond_your_rights).")
            .WithExamples("""{"roleIds":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d31"]}""", Example.User)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/super-admin", SetSuperAdmin).WithName("SetSuperAdmin")
            .WithSummary("Grant or revoke super administration")
            .WithDescription("Administrators only. There may be several super administrators; the last enabled one cannot be revoked (409 last_super_admin), and a disabled user cannot be granted (409 user_disabled).")
            .WithExamples("""{"grant":true}""", Example.User)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/reset-password", ResetPassword).WithName("ResetUserPassword")
            .WithSummary("Set a new password for a user")
            .WithDescription("Administrators only; answers the whole user, so user.detail is needed too (403 permission_denied). "
                + "Only a super administrator may act on a super administrator's account (403 super_admin_protected). "
                + "The user's live tokens stop working; they sign in with the new password. Nobody but a super administrator resets the "
                + "password of a user holding a role beyond their own rights (403 beyond_your_rights): a reset must not be a way up. Nobody "
                + "resets their own password here (403 own_password_via_change): change it with POST /api/auth/password. The "
                + "password is stored only as a hash and never shown, not even in the history.")
            .WithExamples("""{"password":"a new long password"}""", Example.User)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/hand-over", HandOver).WithName("HandOverUserRecords")
            .WithSummary("Hand a disabled user's records over to another user")
            .WithDescription("Administrators only. "
                + "Only a super administrator may act on a super administrator's account (403 super_admin_protected). "
                + "Records user.records-handed-over on the disabled user's stream, then asks every module that registered an "
                + "IRecordsHandOver to move its records; the answer counts them per module. The user must be disabled (409 "
                + "user_not_disabled); the receiver must exist and be enabled (422).")
            .WithExamples("""{"toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22"}""",
                """{"fromUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","toUserId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","modules":{}}""")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Register a user. A retry with the same Idempotency-Key answers the first result and writes nothing.</summary>
    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateUser(
        CreateUserRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, UserCommands commands, UserQueries queries, Passwords passwords, CancellationToken ct)
    {
        if (await IdentityGuard.RequireAdministratorAsync(http, "user.create", ct) is { } forbidden) return forbidden;
        // Roles given at creation are a grant like any other: the creator needs that permission too.
        if (body.RoleIds is { Count: > 0 } && await IdentityGuard.RequireAdministratorAsync(http, "user.grant", ct) is { } noGrant) return noGrant;
        if (!Idempotency.IsUsableKey(idempotencyKey))
            return DomainProblems.Invalid(Idempotency.Header, "idempotency_key_invalid", "An Idempotency-Key is 1 to 200 printable characters without surrounding spaces.");
        if (body.Id == Guid.Empty) return DomainProblems.Invalid("id", "id_invalid", "An id cannot be the empty UUID.");
        var refused = UserRules.Mobile(body.Mobile) ?? UserRules.Password(body.Password) ?? UserRules.DisplayName(body.DisplayName);
        if (refused is not null) return refused.ToProblem();
        var id = body.Id ?? Guid.CreateVersion7();
        // The retry fingerprint leaves the password out: it is kept in the command log, and a password must only ever be stored hashed.
        var request = CommandRequests.For(http, body with { Password = null }, idempotencyKey);
        var grants = new RoleGrants((await CallerAccess.ForAsync(http))!);
        var outcome = await commands.RegisterAsync(id, body, passwords.Hash(body.Password!), grants, request, ct);
        if (outcome.Error is { } error) return IdentityGuard.Problem(error);
        var row = await Written(http, outcome, queries, ct);
        return TypedResults.Created($"/api/users/{row.Id}", UserResponse.From(row));
    }

    /// <summary>Change a user's details: only the fields sent change; null clears an optional field.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateUser(
        Guid id, JsonObject body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext http, UserCommands commands, UserQueries queries, CancellationToken ct)
    {
        if (await IdentityGuard.RequireAdministratorAsync(http, "user.edit", ct) is { } forbidden) return forbidden;
        if (await RequireDetailAsync(http, ct) is { } noDetail) return noDetail;
        if (!Preconditions.TryParseIfMatch(ifMatch, out var expected))
            return DomainProblems.Invalid(Preconditions.IfMatchHeader, "if_match_invalid", "Send one ETag exactly as a read returned it, e.g. \"3\".");
        if (UserPatch.TryRead(body, out var problem) is not { } changes) return problem!;
        var grants = new RoleGrants((await CallerAccess.ForAsync(http))!);
        var outcome = await commands.ChangeAsync(id, changes, grants, CommandRequests.For(http, body.ToJsonString(), null, expected), ct);
        return await Answer(http, outcome, queries, ct);
    }

    /// <summary>Disable a user: no sign-in, live tokens stop working. Never deleted.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> DisableUser(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, UserCommands commands, UserQueries queries, CancellationToken ct)
    {
        if (await IdentityGuard.RequireAdministratorAsync(http, "user.disable", ct) is { } forbidden) return forbidden;
        if (await RequireDetailAsync(http, ct) is { } noDetail) return noDetail;
        if (CommandRequests.Read(http, null, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        return await Answer(http, await commands.DisableAsync(id, request, ct), queries, ct);
    }

    /// <summary>Enable a disabled user again.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> EnableUser(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, UserCommands commands, UserQueries queries, CancellationToken ct)
    {
        if (await IdentityGuard.RequireAdministratorAsync(http, "user.disable", ct) is { } forbidden) return forbidden;
        if (await RequireDetailAsync(http, ct) is { } noDetail) return noDetail;
        if (CommandRequests.Read(http, null, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        return await Answer(http, await commands.EnableAsync(id, request, ct), queries, ct);
    }

    /// <summary>Replace the set of roles a user holds.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetRoles(
        Guid id, SetUserRolesRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, HttpContext http, UserCommands commands, UserQueries queries, CancellationToken ct)
    {
        if (await IdentityGuard.RequireAdministratorAsync(http, "user.grant", ct) is { } forbidden) return forbidden;
        if (await RequireDetailAsync(http, ct) is { } noDetail) return noDetail;
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        var grants = new RoleGrants((await CallerAccess.ForAsync(http))!);
        return await Answer(http, await commands.SetRolesAsync(id, body.RoleIds, grants, request, ct), queries, ct);
    }

    /// <summary>Grant or revoke super administration.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetSuperAdmin(
        Guid id, SuperAdminRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, HttpContext http, UserCommands commands, UserQueries queries, CancellationToken ct)
    {
        if (await IdentityGuard.RequireAdministratorAsync(http, IdentityGuard.SuperAdministration, ct) is { } forbidden) return forbidden;
        if (body.Grant is not { } grant) return DomainProblems.Invalid("grant", "grant_required", "Send grant: true to grant, false to revoke.");
        if (CommandRequests.Read(http, body, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        return await Answer(http, await commands.SetSuperAdminAsync(id, grant, request, ct), queries, ct);
    }

    /// <summary>Set a new password for a user; their live tokens stop working.</summary>
    /// <param name="id">The user's id.</param>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ResetPassword(
        Guid id, ResetPasswordRequest body, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, UserCommands commands, UserQueries queries, Passwords passwords, CancellationToken ct)
    {
        if (await IdentityGuard.RequireAdministratorAsync(http, "user.reset-password", ct) is { } forbidden) return forbidden;
        if (await RequireDetailAsync(http, ct) is { } noDetail) return noDetail;
        if (UserRules.Password(body.Password) is { } refused) return refused.ToProblem();
        // The fingerprint leaves the password out (see CreateUser).
        if (CommandRequests.Read(http, null, ifMatch, idempotencyKey, out var request) is { } bad) return bad;
        var grants = new RoleGrants((await CallerAccess.ForAsync(http))!);
        var outcome = await commands.SetPasswordAsync(id, passwords.Hash(body.Password!), "reset", request, ct, grants);
        return await Answer(http, outcome, queries, ct);
    }

    /// <summary>Hand a disabled user's records over to another user.</summary>
    /// <param name="id">The disabled user's id.</param>
    private static async Task<Results<Ok<HandOverResponse>, ProblemHttpResult>> HandOver(
        Guid id, HandOverRequest body, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        HttpContext http, UserCommands commands, IEnumerable<IRecordsHandOver> modules, CancellationToken ct)
    {
        if (await IdentityGuard.RequireAdministratorAsync(http, "user.hand-over", ct) is { } forbidden) return forbidden;
        if (body.ToUserId is not { } to || to == Guid.Empty) return DomainProblems.Invalid("toUserId", "to_user_required", "Name the user who receives the records.");
        if (CommandRequests.Read(http, body, null, idempotencyKey, out var request) is { } bad) return bad;
        var outcome = await commands.HandOverAsync(id, to, request, ct);
        if (outcome.Error is { } error) return IdentityGuard.Problem(error);
        var counts = new Dictionary<string, int>();
        foreach (var module in modules) counts[module.Module] = await module.HandOverAsync(id, to, request, ct);
        return TypedResults.Ok(new HandOverResponse(id, to, counts));
    }


    /// <summary>
    /// These writes answer the whole user record (mobile, e-mail, roles, super-admin flag), so they also need
    /// user.detail: answering it to a caller without that right would leak what GET /api/users/{id} guards, and
    /// a picker-sized answer for some callers would make the documented response a lie (or a union to cast).
    /// </summary>
    private static Task<ProblemHttpResult?> RequireDetailAsync(HttpContext http, CancellationToken ct) =>
        IdentityGuard.RequireAdministratorAsync(http, "user.detail", ct);

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Answer(HttpContext http, CommandOutcome outcome, UserQueries queries, CancellationToken ct)
    {
        if (outcome.Error is { } error) return IdentityGuard.Problem(error);
        return TypedResults.Ok(UserResponse.From(await Written(http, outcome, queries, ct)));
    }

    /// <summary>The user exactly as the command left them, folded to the version it produced (a replay answers the same).</summary>
    private static Task<UserRow> Written(HttpContext http, CommandOutcome outcome, UserQueries queries, CancellationToken ct) =>
        http.WrittenAsync(outcome, "User", (id, version, t) => queries.GetAsOfAsync(id, version, null, t), r => r.Version, ct);
}
