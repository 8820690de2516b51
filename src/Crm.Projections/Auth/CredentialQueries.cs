using Npgsql;
using Crm.Projections.Tables;

namespace Crm.Projections.Auth;

/// <summary>What sign-in and token checks need about one user, read together from org.users and auth.credentials.</summary>
public sealed record SignInRecord(Guid UserId, string? PasswordHash, string? SecurityStamp, bool IsDisabled, bool IsSuperAdmin);

public sealed class CredentialQueries(NpgsqlDataSource dataSource)
{
    private const string Select =
        """
        select u.id, c.password_hash, c.security_stamp, u.is_disabled, u.is_super_admin
        from org.users u left join auth.credentials c on c.user_id = u.id
        """;

    public Task<SignInRecord?> FindByMobileAsync(string mobile, CancellationToken ct = default) =>
        FindAsync("u.mobile = @key", new NpgsqlParameter<string>("key", mobile), ct);

    public Task<SignInRecord?> FindByIdAsync(Guid id, CancellationToken ct = default) =>
        FindAsync("u.id = @key", new NpgsqlParameter<Guid>("key", id), ct);

    private async Task<SignInRecord?> FindAsync(string where, NpgsqlParameter key, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"{Select} where {where}", connection);
        cmd.Parameters.Add(key);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var r = new RowReader(reader);
        return new SignInRecord(r.Id("id"), r.TextOrNull("password_hash"), r.TextOrNull("security_stamp"), r.Flag("is_disabled"), r.Flag("is_super_admin"));
    }
}
