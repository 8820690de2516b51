using Npgsql;

namespace Crm.Host.Platform;

/// <summary>
/// A session-level PostgreSQL advisory lock held on a connection of its own, across hosts, for rules
/// that span several streams (which per-stream optimistic concurrency cannot see).
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly long key;

    private AdvisoryLock(NpgsqlConnection connection, long key)
    {
        this.connection = connection;
        this.key = key;
    }

    public static async Task<AdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, long key, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand("select pg_advisory_lock(@key)", connection);
            cmd.Parameters.AddWithValue("key", key);
            await cmd.ExecuteNonQueryAsync(ct);
            return new AdvisoryLock(connection, key);
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
            await using var cmd = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
            cmd.Parameters.AddWithValue("key", key);
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            // Closing returns the connection to the pool; Npgsql resets it, which also drops a lock the unlock missed.
            await connection.DisposeAsync();
        }
    }
}
