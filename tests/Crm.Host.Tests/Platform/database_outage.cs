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
        var before = await host.Client.CreateCustomerAsync();
        await RefuseConnectionsAsync(true);
        try
        {
            foreach (var response in new[]
                     {
                         await host.Client.GetAsync(Route),
                         await host.Client.GetAsync($"{Route}/{before.GetProperty("id").GetGuid()}"),
                         await host.Client.SendAsync(HttpMethod.Post, Route, new { name = "Outage " + Guid.NewGuid().ToString("N") }),
                     })
            {
                var problem = await response.AssertProblemAsync(503);
                Assert.Equal("database_unavailable", problem.GetProperty("code").GetString());
                Assert.True(int.Parse(response.Headers.RetryAfter!.ToString(), CultureInfo.InvariantCulture) >= 1);
                Assert.DoesNotContain("Npgsql", problem.ToString());
            }
        }
        finally
        {
            await RefuseConnectionsAsync(false);
        }

        var list = await host.Client.GetAsync(Route);
        Assert.Equal(200, (int)list.StatusCode);
        await host.Client.CreateCustomerAsync();
    }

    [Fact]
    public async Task a_read_whose_connection_is_cut_mid_query_is_run_again_and_answers_200()
    {
        var created = await host.Client.CreateCustomerAsync();
        await using var admin = await host.Database.DataSource.OpenConnectionAsync();
        await using (var tx = await admin.BeginTransactionAsync())
        {
            // The list query waits on this lock; its connection is cut while it waits, as in a restart.
            await using (var lockCustomers = new NpgsqlCommand("lock table crm.customers in access exclusive mode", admin, tx))
                await lockCustomers.ExecuteNonQueryAsync();
            var list = host.Client.GetAsync(Route + "?limit=200");
            var reader = await WaitForLockAsync(admin, tx, "crm.customers", list);
            await using (var kill = new NpgsqlCommand("select pg_terminate_backend(@pid)", admin, tx))
            {
                kill.Parameters.AddWithValue("pid", reader);
                Assert.True((bool)(await kill.ExecuteScalarAsync())!);
            }
            await tx.RollbackAsync();

            var response = await list;
            Assert.True(200 == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
            var ids = (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid());
            Assert.Contains(created.GetProperty("id").GetGuid(), ids);
        }
    }

    /// <summary>The host backend that waits for a lock on <paramref name="table"/> (seen in pg_locks: the wait starts while the statement is parsed).</summary>
    internal static async Task<int> WaitForLockAsync(NpgsqlConnection admin, NpgsqlTransaction tx, string table, Task<HttpResponseMessage> request)
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
