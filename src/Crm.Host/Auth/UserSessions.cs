using System.Collections.Concurrent;
using Crm.Projections.Auth;

namespace Crm.Host.Auth;

/// <summary>
/// Whether a user's tokens still count (enabled, same security stamp), checked on every authenticated
/// request from a small cache. This host forgets a user the moment it writes one of their events;
/// other hosts see the change when their entry expires (Crm:Auth:SessionCacheSeconds, default 5).
/// </summary>
public sealed class UserSessions(CredentialQueries credentials, TimeProvider clock, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<Guid, (SignInRecord? Record, DateTimeOffset LoadedAt)> entries = new();
    private readonly TimeSpan lifetime = TimeSpan.FromSeconds(configuration.GetValue("Crm:Auth:SessionCacheSeconds", 5));

    public async Task<SignInRecord?> GetAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(userId, out var entry) && now - entry.LoadedAt < lifetime) return entry.Record;
        var record = await credentials.FindByIdAsync(userId, ct);
        entries[userId] = (record, now);
        return record;
    }

    /// <summary>True when the user may act with a token carrying <paramref name="stamp"/>.</summary>
    public async Task<bool> IsLiveAsync(Guid userId, string? stamp, CancellationToken ct) =>
        await GetAsync(userId, ct) is { IsDisabled: false } record && stamp is not null && record.SecurityStamp == stamp;

    public void Forget(Guid userId) => entries.TryRemove(userId, out _);
}
