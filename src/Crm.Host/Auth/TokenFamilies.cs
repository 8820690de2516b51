using System.Collections.Concurrent;
using Npgsql;

namespace Crm.Host.Auth;

/// <summary>What presenting a refresh token did.</summary>
public enum Rotation
{
    /// <summary>The token was the family's current one: it is spent now and the next generation is issued.</summary>
    Advanced,

    /// <summary>The token was already spent: someone replayed it, so the whole family is revoked (OAuth security BCP, refresh-token rotation).</summary>
    Reused,

    /// <summary>The family is unknown, revoked or expired.</summary>
    Ended,
}

/// <summary>
/// Token families in auth.token_families (docs/identity.md, "Tokens"): one per sign-in, holding the
/// generation of its only valid token pair. Rotation is one conditional update, so two hosts refreshing
/// the same token cannot both win. Access checks read the family through a small cache, like
/// <see cref="UserSessions"/>: this host forgets a family the moment it changes it; other hosts see the
/// change within Crm:Auth:SessionCacheSeconds (default 5).
/// </summary>
public sealed class TokenFamilies(NpgsqlDataSource dataSource, TimeProvider clock, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<Guid, (int? Generation, DateTimeOffset LoadedAt)> current = new();
    private readonly TimeSpan lifetime = TimeSpan.FromSeconds(configuration.GetValue("Crm:Auth:SessionCacheSeconds", 5));
    private long sweptAtTicks;

    /// <summary>Starts a family at generation 1 (a sign-in), clearing the user's expired ones.</summary>
    public async Task<Guid> StartAsync(Guid userId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var cmd = dataSource.CreateCommand(
            """
            delete from auth.token_families where user_id = @user and expires_at < @now;
            insert into auth.token_families (id, user_id, generation, created_at, expires_at) values (@id, @user, 1, @now, @expires);
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", userId));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", clock.GetUtcNow()));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("expires", expiresAt));
        await cmd.ExecuteNonQueryAsync(ct);
        return id;
    }

    /// <summary>Spends the refresh token of <paramref name="generation"/>: the next generation when it was current, otherwise why not.</summary>
    public async Task<(Rotation Result, int Generation)> AdvanceAsync(Guid family, int generation, DateTimeOffset expiresAt, CancellationToken ct)
    {
        try
        {
            await using var advance = dataSource.CreateCommand(
                """
                update auth.token_families set generation = generation + 1, expires_at = @expires
                where id = @id and generation = @generation and revoked_at is null and expires_at > @now
                returning generation
                """);
            Bind(advance, family, generation);
            advance.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("expires", expiresAt));
            if (await advance.ExecuteScalarAsync(ct) is int next) return (Rotation.Advanced, next);

            // An older generation than the family's: a spent token replayed. Revoke the family.
            await using var revoke = dataSource.CreateCommand(
                "update auth.token_families set revoked_at = @now where id = @id and generation > @generation and revoked_at is null returning id");
            Bind(revoke, family, generation);
            return (await revoke.ExecuteScalarAsync(ct) is null ? Rotation.Ended : Rotation.Reused, 0);
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
            await using var cmd = dataSource.CreateCommand(
                "select generation from auth.token_families where id = @id and revoked_at is null and expires_at > @now");
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", family));
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
            entry = (await cmd.ExecuteScalarAsync(ct) as int?, now);
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

    private void Bind(NpgsqlCommand cmd, Guid family, int generation)
    {
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", family));
        cmd.Parameters.Add(new NpgsqlParameter<int>("generation", generation));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", clock.GetUtcNow()));
    }
}
