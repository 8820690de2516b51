using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Opportunities.OpportunityApi;

namespace Crm.Host.Tests.Opportunities;

/// <summary>CUS-4: cascadeToOpportunities moves a customer's open opportunities its previous owner holds, in the customer transfer's transaction.</summary>
public sealed class customer_transfer_moves_open_opportunities(OpportunityHostFixture host) : IClassFixture<OpportunityHostFixture>
{
    private async Task<Guid> OwnerOfAsync(JsonElement opportunity) =>
        (await host.Admin.GetJsonAsync($"{Route}/{opportunity.Id()}")).GetProperty("ownerId").GetGuid();

    private async Task<bool> SameTransactionAsync(Guid customer, long customerVersion, Guid opportunity, long opportunityVersion)
    {
        await using var cmd = host.Database.DataSource.CreateCommand(
            "select (select tx_id from es.events where stream_id = @c and version = @cv) = (select tx_id from es.events where stream_id = @o and version = @ov)");
        cmd.Parameters.AddWithValue("c", customer);
        cmd.Parameters.AddWithValue("cv", customerVersion);
        cmd.Parameters.AddWithValue("o", opportunity);
        cmd.Parameters.AddWithValue("ov", opportunityVersion);
        return await cmd.ExecuteScalarAsync() is true;
    }

    [Fact]
    public async Task only_the_open_opportunities_of_the_previous_owner_move_and_in_the_same_transaction()
    {
        var me = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var colleague = (await host.Admin.CreateUserAsync()).Id();
        var customer = await host.Admin.CreateCustomerAsync();
        var open = await host.CreateOpportunityAsync(host.Admin, customer.Id());
        var won = await host.CreateOpportunityAsync(host.Admin, customer.Id());
        await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/{won.Id()}/win");
        var colleagues = await host.CreateOpportunityAsync(host.Admin, customer.Id(), new { ownerId = colleague });
        var elsewhere = await host.CreateOpportunityAsync(host.Admin);

        var moved = (await host.Admin.SendAsync(HttpMethod.Post, $"/api/customers/{customer.Id()}/transfer",
            new { toUserId = repId, cascadeToOpportunities = true, keepPreviousOwnerAs = "read" })).Json();

        Assert.Equal(repId, moved.GetProperty("ownerId").GetGuid());
        Assert.Equal((repId, me, colleague, me), (await OwnerOfAsync(open), await OwnerOfAsync(won), await OwnerOfAsync(colleagues), await OwnerOfAsync(elsewhere)));
        Assert.True(await SameTransactionAsync(customer.Id(), moved.GetProperty("version").GetInt64(), open.Id(), 2));
        var team = await host.Admin.GetJsonAsync($"{Route}/{open.Id()}/team");
        Assert.Contains(team.EnumerateArray(), m => m.GetProperty("userId").GetGuid() == me && m.GetProperty("access").GetString() == "read");
        // The new owner works on it now; its history names the customer transfer.
        await rep.SendAsync(HttpMethod.Patch, $"{Route}/{open.Id()}", new { name = "Taken over" });
        await using var cmd = host.Database.DataSource.CreateCommand(
            "select data->>'withCustomerId' from es.events where stream_id = @id and event_type = 'opportunity.transferred'");
        cmd.Parameters.AddWithValue("id", open.Id());
        Assert.Equal(customer.Id().ToString(), await cmd.ExecuteScalarAsync() as string);
        await using var listed = host.Database.DataSource.CreateCommand(
            "select data->'opportunityIds' from es.events where stream_id = @id and event_type = 'customer.transferred'");
        listed.Parameters.AddWithValue("id", customer.Id());
        Assert.Equal($"[\"{open.Id()}\"]", await listed.ExecuteScalarAsync() as string);
    }

    [Fact]
    public async Task without_the_cascade_the_opportunities_stay_with_their_owner()
    {
        var me = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        var (repId, _) = await host.SignedInUserAsync("self", SalesRep);
        var customer = await host.Admin.CreateCustomerAsync();
        var open = await host.CreateOpportunityAsync(host.Admin, customer.Id());

        await host.Admin.SendAsync(HttpMethod.Post, $"/api/customers/{customer.Id()}/transfer", new { toUserId = repId, cascadeToContacts = true });

        Assert.Equal(me, await OwnerOfAsync(open));
    }

    [Fact]
    public async Task a_bulk_transfer_and_a_users_hand_over_cascade_too()
    {
        var (repId, _) = await host.SignedInUserAsync("self", SalesRep);
        var heir = (await host.Admin.CreateUserAsync()).Id();
        var (first, second) = (await host.Admin.CreateCustomerAsync(), await host.Admin.CreateCustomerAsync());
        var (one, two) = (await host.CreateOpportunityAsync(host.Admin, first.Id()), await host.CreateOpportunityAsync(host.Admin, second.Id()));

        var bulk = (await host.Admin.SendAsync(HttpMethod.Post, "/api/customers/transfer",
            new { ids = new[] { first.Id(), second.Id() }, toUserId = repId, cascadeToOpportunities = true })).Json();
        Assert.Equal(2, bulk.GetProperty("succeeded").GetInt32());
        Assert.Equal((repId, repId), (await OwnerOfAsync(one), await OwnerOfAsync(two)));

        await host.Admin.SendAsync("POST", $"/api/users/{repId}/disable");
        await host.Admin.SendAsync("POST", $"/api/users/{repId}/hand-over", new { toUserId = heir });
        Assert.Equal((heir, heir), (await OwnerOfAsync(one), await OwnerOfAsync(two)));
    }

    [Fact]
    public async Task a_hand_over_moves_the_leavers_open_opportunities_on_other_owners_customers_too()
    {
        var (repId, rep) = await host.SignedInUserAsync("all", SalesRep);
        var heir = (await host.Admin.CreateUserAsync()).Id();
        var colleaguesCustomer = await host.Admin.CreateCustomerAsync();
        var open = await host.CreateOpportunityAsync(rep, colleaguesCustomer.Id());
        var won = await host.CreateOpportunityAsync(rep, colleaguesCustomer.Id());
        await rep.SendAsync(HttpMethod.Post, $"{Route}/{won.Id()}/win");

        await host.Admin.SendAsync("POST", $"/api/users/{repId}/disable");
        await host.Admin.SendAsync("POST", $"/api/users/{repId}/hand-over", new { toUserId = heir });

        // The open deal goes on with the heir; the closed one stays with the one who closed it.
        Assert.Equal((heir, repId), (await OwnerOfAsync(open), await OwnerOfAsync(won)));
    }

    [Fact]
    public async Task a_customer_transfer_is_no_way_around_the_opportunity_rights()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var open = await host.CreateOpportunityAsync(host.Admin, customer.Id());
        var me = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        var receiver = (await host.Admin.CreateUserAsync()).Id();

        // customer.transfer over everyone, no opportunity.transfer at all: the cascade is refused, nothing moves.
        var (_, customersOnly) = await host.SignedInUserAsync("all", CustomerApi.SalesRep);
        await customersOnly.RefusedAsync(HttpMethod.Post, $"/api/customers/{customer.Id()}/transfer",
            new { toUserId = receiver, cascadeToOpportunities = true }, 403, "cascadeToOpportunities", "cascade_not_permitted");
        Assert.Equal(me, (await host.Admin.GetJsonAsync($"/api/customers/{customer.Id()}")).GetProperty("ownerId").GetGuid());

        // opportunity.transfer over their own records only: the receiver must be in that scope too, and only the
        // opportunities they could transfer themselves move with the customer.
        var everyone = await host.Admin.CreatedAsync("/api/roles",
            new { name = "C " + Guid.NewGuid().ToString("N"), permissions = CustomerApi.SalesRep, dataScope = "all" });
        var own = await host.Admin.CreatedAsync("/api/roles",
            new { name = "O " + Guid.NewGuid().ToString("N"), permissions = new[] { "opportunity.transfer", "opportunity.detail" }, dataScope = "self" });
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { everyone.Id(), own.Id() } });
        var narrow = await host.SignedInAsync(user.Mobile(), UserApi.Password);
        await narrow.RefusedAsync(HttpMethod.Post, $"/api/customers/{customer.Id()}/transfer",
            new { toUserId = receiver, cascadeToOpportunities = true }, 422, "toUserId", "user_out_of_scope");
        var moved = (await narrow.SendAsync(HttpMethod.Post, $"/api/customers/{customer.Id()}/transfer",
            new { toUserId = user.Id(), cascadeToOpportunities = true })).Json();
        Assert.Equal(user.Id(), moved.GetProperty("ownerId").GetGuid());
        Assert.Equal(me, await OwnerOfAsync(open));
    }
}
