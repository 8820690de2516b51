using Npgsql;

namespace Crm.Projections.Auth;

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
/// The SQL of auth.token_families (docs/identity.md, "Tokens"). The table is no projection of events:
/// it is session state the Host writes at sign-in and refresh. It lives here because this project owns
/// every table of the database and the SQL that touches them (the Host keeps none, issue 10); the
/// Host's TokenFamilies keeps the cache and the rules of when to call.
/// </summary>
public sealed class TokenFamilyStore(NpgsqlDataSource dataSource)
{
    /// <summary>Starts a family at generation 1 (a sign-in), clearing the user's expired ones.</summary>
    public async Task StartAsync(Guid id, Guid userId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            delete from auth.token_families where user_id = @user and expires_at < @now;
            insert into auth.token_families (id, user_id, generation, created_at, expires_at) values (@id, @user, 1, @now, @expires);
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", userId));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("expires", expiresAt));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Spends the refresh token of <paramref name="generation"/> with one conditional update (two hosts refreshing the same token
    /// cannot both win): the next generation when it was current; an older generation is a replay, which revokes the family.
    /// </summary>
    public async Task<(Rotation Result, int Generation)> AdvanceAsync(Guid family, int generation, DateTimeOffset now, DateTimeOffset expiresAt,
        CancellationToken ct)
    {
        await using var advance = dataSource.CreateCommand(
            """
            update auth.token_families set generation = generation + 1, expires_at = @expires
            where id = @id and generation = @generation and revoked_at is null and expires_at > @now
            returning generation
            """);
        Bind(advance, family, generation, now);
        advance.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("expires", expiresAt));
        if (await advance.ExecuteScalarAsync(ct) is int next) return (Rotation.Advanced, next);

        await using var revoke = dataSource.CreateCommand(
            "update auth.token_families set revoked_at = @now where id = @id and generation > @generation and revoked_at is null returning id");
        Bind(revoke, family, generation, now);
        return (await revoke.ExecuteScalarAsync(ct) is null ? Rotation.Ended : Rotation.Reused, 0);
    }

    /// <summary>The family's current generation, or null when it is unknown, revoked or expired.</summary>
    public async Task<int?> CurrentGenerationAsync(Guid family, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "select generation from auth.token_families where id = @id and revoked_at is null and expires_at > @now");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", family));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        return await cmd.ExecuteScalarAsync(ct) as int?;
    }

    private static void Bind(NpgsqlCommand cmd, Guid family, int generation, DateTimeOffset now)
    {
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", family));
        cmd.Parameters.Add(new NpgsqlParameter<int>("generation", generation));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
    }
}
