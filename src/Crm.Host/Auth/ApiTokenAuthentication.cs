using System.Security.Claims;
using System.Text.Encodings.Web;
using Crm.Host.Integrations;
using Crm.Projections.Integrations;
using Crm.Projections.Org;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Crm.Host.Auth;

/// <summary>
/// Sign-in with an API token (SET-5), a scheme beside the people's bearer tokens: Authorization: Bearer crm_… . The token is found by
/// its id and its secret's hash compared in constant time; a revoked or expired token, or one whose creator is disabled or gone, is
/// refused on the request it is sent with (nothing is cached). The principal is the creator's, with the token's grant in claims, so the
/// request gets the same <see cref="Crm.Write.Caller"/> as a person's — narrowed to the token (<see cref="Crm.Write.Access.TokenGrant"/>).
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenQueries tokens, UserQueries users,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Is this request's bearer token an API token (so this scheme, not the people's, reads it)?</summary>
    public static bool Carries(HttpContext http) => TokenOf(http) is { } token && token.StartsWith(ApiTokenSecrets.Prefix, StringComparison.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenOf(Context) is not { } token) return AuthenticateResult.NoResult();
        // Never the token in a message: logs must not carry it.
        if (!ApiTokenSecrets.TryParse(token, out var id, out var secret)) return AuthenticateResult.Fail("The API token is malformed.");
        var view = await tokens.GetAsync(id, Context.RequestAborted);
        if (view is null || !ApiTokenSecrets.Matches(secret, view.Token.SecretHash)) return AuthenticateResult.Fail("The API token is unknown.");
        var now = clock.GetUtcNow();
        if (view.Token.RevokedAt is not null) return AuthenticateResult.Fail("The API token was revoked.");
        if (view.Token.ExpiresAt <= now) return AuthenticateResult.Fail("The API token has expired.");
        if (await users.GetAsync(view.Token.CreatedBy, Context.RequestAborted) is not { IsDisabled: false })
            return AuthenticateResult.Fail("The API token's creator is disabled.");
        await tokens.TouchAsync(id, now, Context.RequestAborted);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, view.Token.CreatedBy.ToString()),
            new(ApiTokenClaims.TokenClaim, id.ToString()),
            new(ApiTokenClaims.ScopeClaim, view.Token.DataScope),
        };
        claims.AddRange(view.Token.Permissions.Select(p => new Claim(ApiTokenClaims.PermissionClaim, p)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiTokenClaims.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiTokenClaims.Scheme));
    }

    private static string? TokenOf(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
