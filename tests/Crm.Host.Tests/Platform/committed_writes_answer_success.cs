using Npgsql;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// Regression: a write that had committed was answered 500 when the connection died afterwards (during
/// a PostgreSQL restart, 4 of 12 such answers had in fact stored the record), and a client retrying it
/// wrote it twice. The read-back of the written record is now retried: success stays success.
/// </summary>
public sealed class committed_writes_answer_success(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_create_whose_connection_dies_while_reading_it_back_answers_201_and_is_stored_once()
    {
        var name = "Read-back " + Guid.NewGuid().ToString("N");
        await using var admin = await host.Database.DataSource.OpenConnectionAsync();
        await using (var tx = await admin.BeginTransactionAsync())
        {
            // The create's append never touches crm.customer_team; its read-back of the team does, and waits on this lock.
            await using (var lockTeam = new NpgsqlCommand("lock table crm.customer_team in access exclusive mode", admin, tx))
                await lockTeam.ExecuteNonQueryAsync();
            var create = host.Admin.Scenario(s =>
            {
                s.Post.Json(new { name }).ToUrl(Route);
                s.StatusCodeShouldBe(201);
            });

            var reader = await database_outage.WaitForLockAsync(admin, tx, "crm.customer_team", create);
            await using (var kill = new NpgsqlCommand("select pg_terminate_backend(@pid)", admin, tx))
            {
                kill.Parameters.AddWithValue("pid", reader);
                Assert.True((bool)(await kill.ExecuteScalarAsync())!);
            }
            await tx.RollbackAsync();

            var response = await create;
            var created = response.Json();
            Assert.Equal(name, created.GetProperty("name").GetString());
            Assert.Equal($"\"{created.GetProperty("version").GetInt64()}\"", response.ETag());
        }

        await using var count = new NpgsqlCommand("select count(*) from crm.customers where name = @name", admin);
        count.Parameters.AddWithValue("name", name);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }
}
