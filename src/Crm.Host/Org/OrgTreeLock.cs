using Npgsql;

namespace Crm.Host.Org;

/// <summary>
/// Serializes moves across the whole org tree, across hosts. The cycle check reads the tree, and two
/// moves of different departments (A under B, B under A) each pass it alone yet together close a
/// cycle; per-stream optimistic concurrency cannot see that. Moves are rare, so one session-level
/// advisory lock held over load → decide → append is cheap; the inline projection commits with the
/// append, so the next move sees the tree as it now is.
/// </summary>
public sealed class OrgTreeLock : IAsyncDisposable
{
    private const long TreeKey = 0x4352_4D5F_4F52_47; // "CRM_ORG"

    /// <summary>Serializes role creates and renames, so two roles cannot both pass the unique-name check.</summary>
    public const long RoleNamesKey = 0x4352_4D5F_524F_4C; // "CRM_ROL"

    private readonly NpgsqlConnection connection;
    private readonly long key;

    private OrgTreeLock(NpgsqlConnection connection, long key)
    {
        this.connection = connection;
        this.key = key;
    }

    public static async Task<OrgTreeLock> AcquireAsync(NpgsqlDataSource dataSource, CancellationToken ct, long key = TreeKey)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand("select pg_advisory_lock(@key)", connection);
            cmd.Parameters.AddWithValue("key", key);
            await cmd.ExecuteNonQueryAsync(ct);
            return new OrgTreeLock(connection, key);
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
