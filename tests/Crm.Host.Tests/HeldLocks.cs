using Npgsql;

namespace Crm.Host.Tests;

/// <summary>
/// Plays a race in its dangerous order on purpose (never by timing luck): a test holds a lock a command meets between its read and
/// its append, sees the command wait for it (pg_locks), changes what the command read, and lets it go on.
/// </summary>
internal static class HeldLocks
{
    /// <summary>The lock a create under the customer and a cascading transfer take in their appends (CustomerCascadeGuard).</summary>
    public static string CustomerRecords(Guid customerId) =>
        $"select pg_advisory_xact_lock(hashtextextended('customer-records:{customerId}', 4242))";

    /// <summary>Counts this database's commands waiting for an advisory lock.</summary>
    public const string AdvisoryWaiters = "select count(*) from pg_locks where locktype = 'advisory' and not granted " +
        "and database = (select oid from pg_database where datname = current_database())";

    /// <summary>Counts the commands waiting for <paramref name="table"/> with a statement that contains <paramref name="statement"/>.</summary>
    public static string TableWaiters(string table, string statement) =>
        $"select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.relation = '{table}'::regclass and not l.granted " +
        $"and a.query like '%{statement}%'";

    /// <summary>Runs <paramref name="sql"/> (a lock) in a transaction of its own, held until the result is disposed (rolled back).</summary>
    public static async Task<IAsyncDisposable> HoldAsync(this HostFixture host, string sql)
    {
        var connection = await host.Database.DataSource.OpenConnectionAsync();
        var tx = await connection.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync();
        return new Held(connection, tx);
    }

    /// <summary>Waits until the command is seen waiting for the held lock (<paramref name="waiting"/> counts the waiters).</summary>
    public static async Task WaitForAsync(this HostFixture host, Task command, string waiting)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var cmd = host.Database.DataSource.CreateCommand(waiting))
            {
                if ((long)(await cmd.ExecuteScalarAsync())! > 0) return;
            }
            if (command.IsCompleted)
            {
                await command; // a failure says more than the assertion below
                Assert.Fail("The command finished without waiting for the held lock.");
            }
            Assert.True(DateTime.UtcNow < until, "The command never waited for the held lock.");
            await Task.Delay(20);
        }
    }

    private sealed class Held(NpgsqlConnection connection, NpgsqlTransaction tx) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await tx.RollbackAsync();
            await tx.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
