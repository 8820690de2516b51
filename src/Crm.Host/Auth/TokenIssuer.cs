using System.Security.Claims;
using Crm.Projections.Auth;
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
/// <summary>What a genuine, unexpired refresh token names.</summary>
/// <param name="Family">Null for a token issued before rotation existed: it is refused.</param>
public sealed record RefreshTicket(Guid UserId, string? Stamp, (Guid Id, int Generation)? Family);

public sealed class TokenIssuer(
    IOptionsMonitor<BearerTokenOptions> bearerOptions, SettingsReader settings, TokenFamilies families, TimeProvider clock, IConfiguration configuration)
{
    private readonly TimeSpan refreshLifetime = TimeSpan.FromDays(configuration.GetValue("Crm:Auth:RefreshTokenDays", 7));

    /// <summary>A sign-in: a new token family, generation 1.</summary>
    public async Task<TokenResponse> IssueAsync(Guid userId, string securityStamp, CancellationToken ct)
    {
        var timeout = await TimeoutAsync(ct);
        var family = await families.StartAsync(userId, FamilyExpiry(timeout), ct);
        return Issue(userId, securityStamp, family, 1, timeout);
    }

    /// <summary>A refresh: spends the ticket's pair and answers the next one, or says why not (a replay revokes the family).</summary>
    public async Task<(TokenResponse? Tokens, Rotation Result)> RotateAsync(RefreshTicket ticket, CancellationToken ct)
    {
        if (ticket is not { Stamp: { } stamp, Family: { } family }) return (null, Rotation.Ended);
        var timeout = await TimeoutAsync(ct);
        var (result, generation) = await families.AdvanceAsync(family.Id, family.Generation, FamilyExpiry(timeout), ct);
        return result == Rotation.Advanced ? (Issue(ticket.UserId, stamp, family.Id, generation, timeout), result) : (null, result);
    }

    private async Task<TimeSpan> TimeoutAsync(CancellationToken ct) =>
        TimeSpan.FromHours((await settings.CurrentAsync(ct))[SystemSettings.SessionTimeoutHours]);

    // The family must outlive both tokens of its newest pair.
    private DateTimeOffset FamilyExpiry(TimeSpan timeout) => clock.GetUtcNow() + (timeout > refreshLifetime ? timeout : refreshLifetime);

    private TokenResponse Issue(Guid userId, string securityStamp, Guid family, int generation, TimeSpan timeout)
    {
        var options = bearerOptions.Get(BearerTokenDefaults.AuthenticationScheme);
        var now = clock.GetUtcNow();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(CurrentUser.StampClaim, securityStamp),
                new Claim(CurrentUser.FamilyClaim, family.ToString()),
                new Claim(CurrentUser.GenerationClaim, generation.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            BearerTokenDefaults.AuthenticationScheme));
        var access = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + timeout },
            $"{BearerTokenDefaults.AuthenticationScheme}:AccessToken");
        var refresh = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + refreshLifetime },
            $"{BearerTokenDefaults.AuthenticationScheme}:RefreshToken");
        return new TokenResponse("Bearer", options.BearerTokenProtector.Protect(access), (long)timeout.TotalSeconds, now + timeout,
            options.RefreshTokenProtector.Protect(refresh), userId);
    }

    /// <summary>What a refresh token names, if it is genuine and not expired.</summary>
    public RefreshTicket? ReadRefreshToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 8192) return null;
        var ticket = bearerOptions.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(token);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires) return null;
        return CurrentUser.IdOf(ticket.Principal) is { } id
            ? new RefreshTicket(id, CurrentUser.StampOf(ticket.Principal), CurrentUser.FamilyOf(ticket.Principal))
            : null;
    }
}
