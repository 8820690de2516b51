using Npgsql;

namespace Crm.EventStore.Tests;

/// <summary>Shows a task waiting on an advisory lock: a backend of the test's database blocked on one, not just "not done yet".</summary>
internal static class AdvisoryWaits
{
    public static async Task UntilBlockedAsync(NpgsqlDataSource dataSource, Task waiting, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Sql.ScalarAsync<long>(dataSource,
                   "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'") == 0)
        {
            Assert.False(waiting.IsCompleted, $"{what} should wait on the lock.");
            Assert.True(DateTime.UtcNow < deadline, $"{what} never blocked on the lock");
            await Task.Delay(20);
        }
        Assert.False(waiting.IsCompleted, $"{what} should wait on the lock.");
    }
}
