using Npgsql;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Platform;

/// <summary>
/// Regression: a write that had committed was answered 500 when the connection died afterwards (during
/// a PostgreSQL restart, 4 of 12 such answers had in fact stored the record), and a client retrying it
/// wrote it twice. A create now answers from the events it wrote (nothing is read after its commit); the
/// other writes' read-back of the record is retried: success stays success.
/// </summary>
public sealed class committed_writes_answer_success(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task an_edit_whose_connection_dies_while_reading_it_back_answers_200_and_is_stored_once()
    {
        var created = await host.Admin.CreateCustomerAsync();
        var id = created.GetProperty("id").GetGuid();
        var name = "Read-back " + Guid.NewGuid().ToString("N");
        await using var admin = await host.Database.DataSource.OpenConnectionAsync();
        await using (var tx = await admin.BeginTransactionAsync())
        {
            // The edit's append never touches crm.customer_team; its read-back of the team does, and waits on this lock.
            await using (var lockTeam = new NpgsqlCommand("lock table crm.customer_team in access exclusive mode", admin, tx))
                await lockTeam.ExecuteNonQueryAsync();
            var edit = host.Admin.Scenario(s => s.Patch.Json(new { name }).ToUrl($"{Route}/{id}"));

            var reader = await database_outage.WaitForLockAsync(admin, tx, "crm.customer_team", edit);
            await using (var kill = new NpgsqlCommand("select pg_terminate_backend(@pid)", admin, tx))
            {
                kill.Parameters.AddWithValue("pid", reader);
                Assert.True((bool)(await kill.ExecuteScalarAsync())!);
            }
            await tx.RollbackAsync();

            var response = await edit;
            var edited = response.Json();
            Assert.Equal(name, edited.GetProperty("name").GetString());
            Assert.Equal(2, edited.GetProperty("version").GetInt64());
            Assert.Equal("\"2\"", response.ETag());
        }

        await using var count = new NpgsqlCommand("select count(*), max(version) from crm.customers where name = @name", admin);
        count.Parameters.AddWithValue("name", name);
        await using var rows = await count.ExecuteReaderAsync();
        Assert.True(await rows.ReadAsync());
        Assert.Equal((1L, 2L), (rows.GetInt64(0), rows.GetInt64(1)));
    }

    [Fact]
    public async Task a_create_reads_nothing_after_its_commit_so_it_answers_201_while_the_read_models_are_locked()
    {
        var name = "No read-back " + Guid.NewGuid().ToString("N");
        await using var admin = await host.Database.DataSource.OpenConnectionAsync();
        await using var tx = await admin.BeginTransactionAsync();
        // A read of the team (the old read-back) would wait on this lock until the rollback below, which comes only after the answer.
        await using (var lockTeam = new NpgsqlCommand("lock table crm.customer_team in access exclusive mode", admin, tx))
            await lockTeam.ExecuteNonQueryAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { name }).ToUrl(Route);
            s.StatusCodeShouldBe(201);
        }).WaitAsync(patience.Token);
        await tx.RollbackAsync();

        var created = response.Json();
        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.Equal("\"1\"", response.ETag());
        Assert.Empty(created.GetProperty("team").EnumerateArray());
    }
}
