using Alba;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Pipelines;
using Npgsql;
using static Crm.Host.Tests.Opportunities.OpportunityApi;

namespace Crm.Host.Tests.Opportunities;

/// <summary>
/// The guards of an opportunity's append, under real concurrency. The test holds a pipeline's crm.pipelines row FOR UPDATE in its
/// own transaction, so the requests it sends decide on the facts as they were and then wait inside their appends (seen in
/// pg_stat_activity, polled with a deadline); what changes meanwhile is what the guards must catch once the row is let go.
/// </summary>
public sealed class racing_pipelines_and_products(OpportunityHostFixture host) : IClassFixture<OpportunityHostFixture>
{
    [Fact]
    public async Task a_pipeline_deleted_while_an_opportunity_is_created_on_it_leaves_no_opportunity_on_a_deleted_pipeline()
    {
        var outcomes = new HashSet<string>();
        for (var round = 0; round < 3; round++)
        {
            var pipeline = await host.Admin.CreatePipelineAsync();
            var customer = (await host.Admin.CreateCustomerAsync()).Id();
            Task<IScenarioResult> create, delete;
            await using (var held = await HoldAsync(pipeline.Id()))
            {
                create = Send(HttpMethod.Post, Route, new { customerId = customer, name = "Racing", currency = "CNY", amount = 10, pipelineId = pipeline.Id() });
                await held.WaitersAsync(1);
                delete = Send(HttpMethod.Delete, $"{PipelineApi.Route}/{pipeline.Id()}", null);
                await held.WaitersAsync(2);
            }
            var (created, deleted) = (await create, await delete);

            if (created.Status() == 201)
            {
                deleted.ShouldBeProblem(409, code: "pipeline_in_use");
                var opportunity = await host.Admin.GetJsonAsync($"{Route}/{created.Json().Id()}");
                Assert.Equal(pipeline.Id(), opportunity.GetProperty("pipelineId").GetGuid());
                await host.Admin.SendAsync(HttpMethod.Get, $"{PipelineApi.Route}/{pipeline.Id()}");
                outcomes.Add("opportunity first");
            }
            else
            {
                created.ShouldBeProblem(422, "pipelineId", "pipeline_missing");
                Assert.Equal(204, deleted.Status());
                var theirs = await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/search",
                    new { filter = new { field = "pipelineId", op = "eq", value = pipeline.Id() } });
                Assert.Empty(theirs.Json().GetProperty("items").EnumerateArray());
                outcomes.Add("delete first");
            }
        }
        Assert.NotEmpty(outcomes);
    }

    [Fact]
    public async Task a_product_taken_off_shelf_between_the_read_and_the_append_makes_the_create_decide_again_and_name_the_line()
    {
        var pipeline = await host.DefaultPipelineAsync();
        var kept = await host.ProductAsync(5m, name: "Kept");
        var leaving = await host.ProductAsync(7m, name: "Leaving");
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        Task<IScenarioResult> create;
        await using (var held = await HoldAsync(pipeline.Id))
        {
            create = Send(HttpMethod.Post, Route, new
            {
                customerId = customer, name = "Racing lines", pipelineId = pipeline.Id,
                lines = new object[] { new { productId = kept, quantity = 1 }, new { productId = leaving, quantity = 2 } },
            });
            // The create decided with both products on shelf and waits in its append; the product leaves the shelf meanwhile.
            await held.WaitersAsync(1);
            await host.UnshelveAsync(leaving);
            Assert.False((await host.Admin.GetJsonAsync($"/api/products/{leaving}")).GetProperty("onShelf").GetBoolean());
        }

        (await create).ShouldBeProblem(422, "lines[1].productId", "product_off_shelf");
        var theirs = await host.Admin.GetJsonAsync($"{Route}?customerId={customer}");
        Assert.Empty(theirs.GetProperty("items").EnumerateArray());
    }

    private Task<IScenarioResult> Send(HttpMethod method, string url, object? body) => host.Admin.Scenario(s =>
    {
        s.Send(method, url, body);
        s.IgnoreStatusCode();
    });

    private async Task<HeldPipeline> HoldAsync(Guid pipelineId)
    {
        var connection = new NpgsqlConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        var tx = await connection.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand("select 1 from crm.pipelines where id = @id for update", connection, tx);
        cmd.Parameters.AddWithValue("id", pipelineId);
        Assert.Equal(1, await cmd.ExecuteScalarAsync());
        return new HeldPipeline(host.Database.ConnectionString, connection, tx, connection.ProcessID);
    }

    /// <summary>A pipeline row locked by the test; disposing lets it go (rollback: nothing was changed).</summary>
    private sealed class HeldPipeline(string connectionString, NpgsqlConnection connection, NpgsqlTransaction tx, int holder) : IAsyncDisposable
    {
        /// <summary>Until this many backends wait for the test's lock (bounded: a request that never waits fails the test).</summary>
        public async Task WaitersAsync(int count)
        {
            await using var watcher = new NpgsqlConnection(connectionString);
            await watcher.OpenAsync();
            // Behind the test's lock, or behind a request queued for it first (the second waiter waits on the first's tuple lock).
            await using var cmd = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where datname = current_database() and pid <> @holder and cardinality(pg_blocking_pids(pid)) > 0",
                watcher);
            cmd.Parameters.AddWithValue("holder", holder);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((long)(await cmd.ExecuteScalarAsync())! < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Fewer than {count} requests came to wait for the pipeline's row.");
                await Task.Delay(10);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await tx.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}
