using System.Security.Claims;
using Crm.Host.Settings;
using Crm.Write.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace Crm.Host.Auth;

/// <summary>A signed-in session: the bearer token, when it expires, and the refresh token.</summary>
/// <param name="ExpiresIn">Seconds until the access token expires (the configured session timeout).</param>
public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, DateTimeOffset ExpiresAt, string RefreshToken, Guid UserId);

/// <summary>
/// Issues tokens with the bearer handler's own protectors, so the built-in handler validates them.
/// The handler's sign-in would take the lifetime from its options, fixed at start-up; the session
/// timeout is a setting that changes at run time, so tokens are made here with the current value.
/// </summary>
public sealed class TokenIssuer(IOptionsMonitor<BearerTokenOptions> bearerOptions, SettingsReader settings, TimeProvider clock, IConfiguration configuration)
{
    private readonly TimeSpan refreshLifetime = TimeSpan.FromDays(configuration.GetValue("Crm:Auth:RefreshTokenDays", 7));

    public async Task<TokenResponse> IssueAsync(Guid userId, string securityStamp, CancellationToken ct)
    {
        var options = bearerOptions.Get(BearerTokenDefaults.AuthenticationScheme);
        var timeout = TimeSpan.FromHours((await settings.CurrentAsync(ct))[SystemSettings.SessionTimeoutHours]);
        var now = clock.GetUtcNow();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(CurrentUser.StampClaim, securityStamp)],
            BearerTokenDefaults.AuthenticationScheme));
        var access = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + timeout },
            $"{BearerTokenDefaults.AuthenticationScheme}:AccessToken");
        var refresh = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + refreshLifetime },
            $"{BearerTokenDefaults.AuthenticationScheme}:RefreshToken");
        return new TokenResponse("Bearer", options.BearerTokenProtector.Protect(access), (long)timeout.TotalSeconds, now + timeout,
            options.RefreshTokenProtector.Protect(refresh), userId);
    }

    /// <summary>The user and stamp a refresh token names, if it is genuine and not expired.</summary>
    public (Guid UserId, string? Stamp)? ReadRefreshToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 8192) return null;
        var ticket = bearerOptions.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(token);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires) return null;
        return CurrentUser.IdOf(ticket.Principal) is { } id ? (id, CurrentUser.StampOf(ticket.Principal)) : null;
    }
}
