using Npgsql;

namespace Crm.Host.Customers;

/// <summary>
/// Serializes creates that could be duplicates of each other. The duplicate check reads the read
/// models, and two creates with the same phone that run at once would each find nothing and both be
/// written; per-stream concurrency cannot see that (they are different streams). Each create holds a
/// session advisory lock per normalized name, phone and e-mail over check → decide → append, taken in
/// sorted order so two creates sharing several keys cannot deadlock. Creates with nothing in common
/// never wait for each other.
/// </summary>
public sealed class DuplicateCheckLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;

    private DuplicateCheckLock(NpgsqlConnection connection) => this.connection = connection;

    /// <param name="names">Every value the check matches as a name (a lead's company too): all are locked at once, never in two steps.</param>
    public static async Task<DuplicateCheckLock> AcquireAsync(NpgsqlDataSource dataSource, IEnumerable<string?> names, string? phone, string? email, CancellationToken ct)
    {
        var keys = new List<string>(4);
        foreach (var name in names)
        {
            if (!string.IsNullOrWhiteSpace(name)) keys.Add("name:" + name.Trim().ToLowerInvariant());
        }
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length > 0) keys.Add("phone:" + digits);
        if (!string.IsNullOrWhiteSpace(email)) keys.Add("email:" + email.Trim().ToLowerInvariant());

        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand(
                "select pg_advisory_lock(k) from (select distinct hashtextextended(v, 4242) as k from unnest(@keys) v) x order by k", connection);
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. keys]));
            await cmd.ExecuteNonQueryAsync(ct);
            return new DuplicateCheckLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var cmd = new NpgsqlCommand("select pg_advisory_unlock_all()", connection);
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
