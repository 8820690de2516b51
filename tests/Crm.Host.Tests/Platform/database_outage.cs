using System.Globalization;
using Crm.Testing;
using Npgsql;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// Regression: while PostgreSQL was away every request answered 500 "Something went wrong on our
/// side" (1,117 times in a 6 s outage). A database that cannot be reached now answers 503
/// database_unavailable with Retry-After, reads are retried first, and the host serves again once the
/// database is back.
/// </summary>
public sealed class database_outage(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task reads_and_writes_answer_503_with_retry_after_while_the_database_refuses_connections_and_work_again_after()
    {
        var before = await host.Admin.CreatedAsync(Route, new { name = "Before " + Guid.NewGuid().ToString("N") });
        await RefuseConnectionsAsync(true);
        try
        {
            foreach (var request in new Action<Scenario>[]
                     {
                         s => s.Get.Url(Route),
                         s => s.Get.Url($"{Route}/{before.GetProperty("id").GetGuid()}"),
                         s => s.Post.Json(new { name = "Outage " + Guid.NewGuid().ToString("N") }).ToUrl(Route),
                     })
            {
                var response = await host.Admin.Scenario(s =>
                {
                    request(s);
                    s.ProblemShouldBe(503, code: "database_unavailable");
                });
                Assert.True(int.Parse(response.Header("Retry-After")!, CultureInfo.InvariantCulture) >= 1);
                Assert.DoesNotContain("Npgsql", response.Json().ToString());
            }
        }
        finally
        {
            await RefuseConnectionsAsync(false);
        }

        await host.Admin.Scenario(s => s.Get.Url(Route));
        await host.Admin.CreatedAsync(Route, new { name = "After " + Guid.NewGuid().ToString("N") });
    }

    [Fact]
    public async Task a_read_whose_connection_is_cut_mid_query_is_run_again_and_answers_200()
    {
        var created = await host.Admin.CreatedAsync(Route, new { name = "Listed " + Guid.NewGuid().ToString("N") });
        await using var admin = await host.Database.DataSource.OpenConnectionAsync();
        await using (var tx = await admin.BeginTransactionAsync())
        {
            // The list query waits on this lock; its connection is cut while it waits, as in a restart.
            await using (var lockCustomers = new NpgsqlCommand("lock table crm.customers in access exclusive mode", admin, tx))
                await lockCustomers.ExecuteNonQueryAsync();
            var list = host.Admin.Scenario(s => s.Get.Url(Route + "?limit=200"));
            var reader = await WaitForLockAsync(admin, tx, "crm.customers", list);
            await using (var kill = new NpgsqlCommand("select pg_terminate_backend(@pid)", admin, tx))
            {
                kill.Parameters.AddWithValue("pid", reader);
                Assert.True((bool)(await kill.ExecuteScalarAsync())!);
            }
            await tx.RollbackAsync();

            var ids = (await list).Json().GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid());
            Assert.Contains(created.GetProperty("id").GetGuid(), ids);
        }
    }

    /// <summary>The host backend that waits for a lock on <paramref name="table"/> (seen in pg_locks: the wait starts while the statement is parsed).</summary>
    internal static async Task<int> WaitForLockAsync(NpgsqlConnection admin, NpgsqlTransaction tx, string table, Task request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(request.IsCompleted, $"the request answered without waiting for {table}");
            await using var find = new NpgsqlCommand(
                "select pid from pg_locks where not granted and relation = @table::regclass and pid <> pg_backend_pid()", admin, tx);
            find.Parameters.AddWithValue("table", table);
            if (await find.ExecuteScalarAsync() is int pid) return pid;
            await Task.Delay(20);
        }
        throw new TimeoutException($"The request never waited for {table}.");
    }

    /// <summary>An outage as clients see it: new connections are refused and the open ones are cut.</summary>
    private async Task RefuseConnectionsAsync(bool refuse)
    {
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"alter database \"{host.Database.Name}\" with allow_connections {(refuse ? "false" : "true")}", admin))
            await cmd.ExecuteNonQueryAsync();
        if (!refuse) return;
        await using var kill = new NpgsqlCommand(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = @db and pid <> pg_backend_pid()", admin);
        kill.Parameters.AddWithValue("db", host.Database.Name);
        await kill.ExecuteScalarAsync();
    }
}
