using Microsoft.AspNetCore.Authentication;

namespace Crm.Host.Auth;

/// <summary>
/// The sign-in behind a long-lived response (a server-sent events stream): checked once when the request came in, like every request,
/// and again while it runs — the stream ends when its token would be refused now (expired, spent by a refresh, revoked, or its user
/// disabled or their password changed), so an open connection never outlives the access it was opened with.
/// </summary>
public sealed class StreamSession
{
    private readonly Guid userId;
    private readonly string? stamp;
    private readonly (Guid Family, int Generation)? family;
    private readonly UserSessions sessions;
    private readonly TokenFamilies families;
    private readonly TimeProvider clock;

    private StreamSession(HttpContext http, Guid userId, DateTimeOffset? expiresAt)
    {
        this.userId = userId;
        stamp = CurrentUser.StampOf(http.User);
        family = CurrentUser.FamilyOf(http.User);
        sessions = http.RequestServices.GetRequiredService<UserSessions>();
        families = http.RequestServices.GetRequiredService<TokenFamilies>();
        clock = http.RequestServices.GetRequiredService<TimeProvider>();
        ExpiresAt = expiresAt;
    }

    /// <summary>When the token expires (the stream ends then at the latest); null when the ticket does not say.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    public static async Task<StreamSession> ForAsync(HttpContext http, Guid userId)
    {
        var ticket = await http.AuthenticateAsync();
        return new StreamSession(http, userId, ticket.Properties?.ExpiresUtc);
    }

    /// <summary>True while the token the stream was opened with would still be accepted.</summary>
    public async Task<bool> StillValidAsync(CancellationToken ct) =>
        (ExpiresAt is not { } expires || clock.GetUtcNow() < expires)
        && await sessions.IsLiveAsync(userId, stamp, ct)
        && family is { } f && await families.IsCurrentAsync(f.Family, f.Generation, ct);
}
