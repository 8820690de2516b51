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
    public async Task a_read_whose_connection_drops_once_is_retried_and_answers_200()
    {
        var created = await host.Client.CreateCustomerAsync();
        // Every idle pooled connection of the host is cut: the next read meets a dead connection, then retries on a fresh one.
        await TerminateHostConnectionsAsync();
        var response = await host.Client.GetAsync($"{Route}/{created.GetProperty("id").GetGuid()}");
        Assert.True(200 == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An outage as clients see it: new connections are refused and the open ones are cut.</summary>
    private async Task RefuseConnectionsAsync(bool refuse)
    {
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"alter database \"{host.Database.Name}\" with allow_connections {(refuse ? "false" : "true")}", admin))
            await cmd.ExecuteNonQueryAsync();
        if (refuse) await TerminateHostConnectionsAsync();
    }

    private async Task TerminateHostConnectionsAsync()
    {
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = @db and pid <> pg_backend_pid()", admin);
        cmd.Parameters.AddWithValue("db", host.Database.Name);
        await cmd.ExecuteScalarAsync();
    }
}
