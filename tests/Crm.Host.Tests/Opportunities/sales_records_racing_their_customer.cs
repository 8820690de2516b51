using Alba;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Opportunities.OpportunityApi;

namespace Crm.Host.Tests.Opportunities;

/// <summary>
/// An opportunity's or a contract's create reads its customer (in the pool? within reach?), and a transfer cascading to the open
/// opportunities reads their list (issue 13, part 5): each race is played in its dangerous order (<see cref="HeldLocks"/>).
/// </summary>
public sealed class sales_records_racing_their_customer(OpportunityHostFixture host) : IClassFixture<OpportunityHostFixture>
{
    [Theory]
    [InlineData("/api/opportunities")]
    [InlineData("/api/contracts")]
    public async Task a_record_whose_customer_goes_to_the_pool_between_its_read_and_its_append_is_refused_as_in_the_pool(string route)
    {
        await host.DefaultPipelineAsync();
        var customer = await host.Admin.CreateCustomerAsync();

        Task<IScenarioResult> create;
        await using (await host.HoldAsync(HeldLocks.CustomerRecords(customer.Id())))
        {
            create = host.Admin.Scenario(s =>
            {
                s.Post.Json(new { customerId = customer.Id(), name = "Racing " + Guid.NewGuid().ToString("N")[..8], currency = "CNY", amount = 100m })
                    .ToUrl(route);
                s.ProblemShouldBe(409, "customerId", "customer_in_pool");
            });
            await host.WaitForAsync(create, HeldLocks.AdvisoryWaiters);
            await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{customer.Id()}/put-in-pool", new { });
        }

        await create;
    }

    [Fact]
    public async Task a_transfer_cascading_to_opportunities_moves_one_created_after_it_read_the_list()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var earlier = await host.CreateOpportunityAsync(host.Admin, customer.Id());
        var (receiverId, _) = await host.SignedInUserAsync("self", SalesRep);

        // The transfer reads the open opportunities, then the contracts: a lock on that table stops it between its read of the
        // opportunities and its append, while a new opportunity is created by the previous owner.
        Task<IScenarioResult> transfer;
        System.Text.Json.JsonElement added;
        await using (await host.HoldAsync("lock table crm.contracts in access exclusive mode"))
        {
            transfer = host.Admin.Scenario(s => s.Post.Json(new { toUserId = receiverId, cascadeToOpportunities = true, cascadeToContracts = true })
                .ToUrl($"{CustomerApi.Route}/{customer.Id()}/transfer"));
            await host.WaitForAsync(transfer, HeldLocks.TableWaiters("crm.contracts", "from crm.contracts where customer_id"));
            added = await host.CreateOpportunityAsync(host.Admin, customer.Id());
        }

        Assert.Equal(receiverId, (await transfer).Json().GetProperty("ownerId").GetGuid());
        foreach (var opportunity in new[] { earlier, added })
            Assert.Equal(receiverId, (await host.Admin.GetJsonAsync($"{Route}/{opportunity.Id()}")).GetProperty("ownerId").GetGuid());
    }
}
