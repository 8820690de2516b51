using Crm.Host.Access;
using Crm.Host.Org;
using Crm.Host.Platform;
using Crm.Projections.Auth;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Org;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Auth;

/// <summary>/api/auth: sign-in, token refresh, own password, and who am I.</summary>
public static class AuthEndpoints
{
    // The same answer for an unknown mobile number, a wrong password and a disabled user, so the
    // answer never tells whether an account exists.
    private const string SignInFailed = "The mobile number or password is not correct, or the account cannot sign in.";

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in");
        group.MapPost("/login", Login).WithName("Login").AllowAnonymous().Documented(AuthApiDocs.Login);
        group.MapPost("/refresh", Refresh).WithName("RefreshToken").AllowAnonymous().Documented(AuthApiDocs.Refresh);
        group.MapPost("/password", ChangePassword).WithName("ChangeOwnPassword").RequireAuthorization().Documented(AuthApiDocs.ChangePassword);
        group.MapGet("/me", Me).WithName("GetSignedInUser").RequireAuthorization().Documented(AuthApiDocs.Me);
        group.MapPut("/me/time-zone", SetTimeZone).WithName("SetOwnTimeZone").RequireAuthorization().AsCommand(CommandHeaders.IfMatch)
            .Documented(AuthApiDocs.SetTimeZone);
        return group;
    }

    /// <summary>Sign in with mobile number and password.</summary>
    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        LoginRequest body, HttpContext http, LoginThrottle throttle, CredentialQueries credentials, Passwords passwords, TokenIssuer tokens,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Mobile)) return DomainProblems.Invalid("mobile", "mobile_required", "Send the mobile number you sign in with.");
        if (string.IsNullOrEmpty(body.Password)) return DomainProblems.Invalid("password", "password_required", "Send your password.");
        if (body.Mobile.Length > 64 || body.Password.Length > UserRules.MaxPasswordLength)
            return DomainProblems.Invalid(body.Mobile.Length > 64 ? "mobile" : "password", "too_long", "This value is longer than any account's.");
        var mobile = body.Mobile.Trim();
        if (throttle.TryAttempt(mobile, http.Connection.RemoteIpAddress?.ToString()) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = LoginThrottle.Seconds(retryAfter);
            return Problem(StatusCodes.Status429TooManyRequests, "too_many_attempts", "Too many sign-in attempts: wait and try again.");
        }
        var record = await credentials.FindByMobileAsync(mobile, ct);
        // Always verify a hash (a dummy one for an unknown number), so a miss takes as long as a wrong password.
        var valid = passwords.Verify(record?.PasswordHash, body.Password);
        if (!valid || record is not { IsDisabled: false, SecurityStamp: { } stamp }) return SignInFailedProblem();
        return TypedResults.Ok(await tokens.IssueAsync(record.UserId, stamp, ct));
    }

    /// <summary>Exchange a refresh token for a new pair of tokens.</summary>
    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest body, UserSessions sessions, TokenIssuer tokens, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(body.RefreshToken))
            return DomainProblems.Invalid("refreshToken", "refresh_token_required", "Send the refresh token a sign-in answered.");
        if (tokens.ReadRefreshToken(body.RefreshToken) is not { } session) return SessionEnded();
        sessions.Forget(session.UserId);
        if (!await sessions.IsLiveAsync(session.UserId, session.Stamp, ct)) return SessionEnded();
        return await tokens.RotateAsync(session, ct) switch
        {
            ({ } pair, _) => TypedResults.Ok(pair),
            (_, Rotation.Reused) => Problem(StatusCodes.Status401Unauthorized, "refresh_token_reused",
                "This refresh token was already used: every token of its sign-in is revoked now. Sign in again."),
            _ => SessionEnded(),
        };
    }

    /// <summary>Change your own password; earlier tokens stop working and fresh ones are answered.</summary>
    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest body, HttpContext http, CredentialQueries credentials, Passwords passwords, UserHandler users,
        TokenIssuer tokens, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(body.CurrentPassword)) return DomainProblems.Invalid("currentPassword", "password_required", "Send your current password.");
        if (UserRules.Password(body.NewPassword, "newPassword") is { } refused) return refused.ToProblem();
        if (CurrentUser.IdOf(http.User) is not { } userId) return SessionEnded();
        var record = await credentials.FindByIdAsync(userId, ct);
        if (record is null || !passwords.Verify(record.PasswordHash, body.CurrentPassword))
            return DomainProblems.Invalid("currentPassword", "current_password_wrong", "The current password is not correct.");
        var self = (await CallerAccess.ForAsync(http))!;
        var command = new NewPassword(userId, passwords.Hash(body.NewPassword!), "changed");
        var outcome = await users.SetPasswordAsync(command, self, CommandRequests.For(http, null), ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var changed = await credentials.FindByIdAsync(userId, ct);
        return TypedResults.Ok(await tokens.IssueAsync(userId, changed!.SecurityStamp!, ct));
    }

    /// <summary>The signed-in user.</summary>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Me(HttpContext http, UserQueries users, CancellationToken ct)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId || await users.GetAsync(userId, ct) is not { } row)
            return DomainError.NotFound("user_not_found", "The signed-in user does not exist.").ToProblem();
        http.Response.SetETag(row.Version);
        return TypedResults.Ok(UserResponse.From(row));
    }

    /// <summary>Set your own time zone (an IANA id): your workbench's days and your calendar's default zone.</summary>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetTimeZone(
        SetTimeZoneRequest body, HttpContext http, UserHandler users, UserQueries queries, CancellationToken ct)
    {
        if (body.TimeZone is null)
            return DomainProblems.Invalid("timeZone", "time_zone_invalid", "Send timeZone: an IANA time zone id, e.g. Asia/Shanghai, or UTC.");
        if (await CallerAccess.ForAsync(http) is not { } self) return SessionEnded();
        var changes = new UserChanges(null, null, null, null, null, null, null, new Edit<string?>(body.TimeZone));
        var outcome = await users.EditAsync(new EditUser(self.ActorId, changes), self, http.Command(), ct);
        if (outcome.Error is { } error) return error.ToProblem();
        var row = await http.WrittenAsync(outcome, "User", (id, version, t) => queries.GetAsOfAsync(id, version, null, t), r => r.Version, ct);
        return TypedResults.Ok(UserResponse.From(row));
    }

    private static ProblemHttpResult SignInFailedProblem() => Problem(StatusCodes.Status401Unauthorized, "sign_in_failed", SignInFailed);

    private static ProblemHttpResult SessionEnded() =>
        Problem(StatusCodes.Status401Unauthorized, "session_ended", "The session has ended: sign in again.");

    private static ProblemHttpResult Problem(int status, string code, string detail)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = "Sign-in refused.", Detail = detail };
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }
}
