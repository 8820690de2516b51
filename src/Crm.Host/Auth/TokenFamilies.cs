using System.Collections.Concurrent;
using Crm.Projections.Auth;
using Npgsql;

namespace Crm.Host.Auth;

/// <summary>
/// Token families (docs/identity.md, "Tokens"): one per sign-in, holding the generation of its only
/// valid token pair; the rows and their SQL are <see cref="TokenFamilyStore"/>'s. Access checks read the family
/// through a small cache, like <see cref="UserSessions"/>: this host forgets a family the moment it changes it;
/// other hosts see the change within Crm:Auth:SessionCacheSeconds (default 5).
/// </summary>
public sealed class TokenFamilies(NpgsqlDataSource dataSource, TimeProvider clock, IConfiguration configuration)
{
    private readonly TokenFamilyStore store = new(dataSource);
    private readonly ConcurrentDictionary<Guid, (int? Generation, DateTimeOffset LoadedAt)> current = new();
    private readonly TimeSpan lifetime = TimeSpan.FromSeconds(configuration.GetValue("Crm:Auth:SessionCacheSeconds", 5));
    private long sweptAtTicks;

    /// <summary>Starts a family at generation 1 (a sign-in), clearing the user's expired ones.</summary>
    public async Task<Guid> StartAsync(Guid userId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await store.StartAsync(id, userId, clock.GetUtcNow(), expiresAt, ct);
        return id;
    }

    /// <summary>Spends the refresh token of <paramref name="generation"/>: the next generation when it was current, otherwise why not.</summary>
    public async Task<(Rotation Result, int Generation)> AdvanceAsync(Guid family, int generation, DateTimeOffset expiresAt, CancellationToken ct)
    {
        try
        {
            return await store.AdvanceAsync(family, generation, clock.GetUtcNow(), expiresAt, ct);
        }
        finally
        {
            current.TryRemove(family, out _);
        }
    }

    /// <summary>True when tokens of this generation are the family's current ones (not spent, not revoked, not expired).</summary>
    public async Task<bool> IsCurrentAsync(Guid family, int generation, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!current.TryGetValue(family, out var entry) || now - entry.LoadedAt >= lifetime)
        {
            entry = (await store.CurrentGenerationAsync(family, now, ct), now);
            current[family] = entry;
            ForgetStale(now);
        }
        return entry.Generation == generation;
    }

    /// <summary>How many families this host holds in its cache (for tests: the cache stays bounded).</summary>
    internal int CachedFamilies => current.Count;

    /// <summary>
    /// Drops entries past the freshness window, at most once per window: an entry that old is reloaded
    /// anyway, so the cache only ever holds the families used in about the last two windows.
    /// </summary>
    private void ForgetStale(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref sweptAtTicks);
        if (now.UtcTicks - last < lifetime.Ticks || Interlocked.CompareExchange(ref sweptAtTicks, now.UtcTicks, last) != last) return;
        foreach (var (family, entry) in current)
        {
            if (now - entry.LoadedAt >= lifetime) current.TryRemove(KeyValuePair.Create(family, entry));
        }
    }
}
