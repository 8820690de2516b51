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

    /// <summary>
    /// Never throws: it runs after the command committed, and a failed unlock must not turn that
    /// success into a 500. A connection that died took its session's locks with it; one that lives is
    /// reset when it returns to the pool (DISCARD ALL), which drops a lock the unlock missed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var cmd = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
            cmd.Parameters.AddWithValue("key", key);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            // See above: the lock is gone with the session, or goes with the reset.
        }
        finally
        {
            try { await connection.DisposeAsync(); }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException) { /* a broken connection is dropped from the pool */ }
        }
    }
}
