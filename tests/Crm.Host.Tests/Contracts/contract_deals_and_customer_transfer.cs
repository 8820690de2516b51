using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Contracts.ContractApi;

namespace Crm.Host.Tests.Contracts;

/// <summary>CUS-1 / CUS-4 / CUS-7 with contracts: an approved contract is a deal; a customer transfer may take its contracts along.</summary>
public sealed class contract_deals_and_customer_transfer(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task an_approved_contract_is_the_customers_last_deal_until_it_is_voided()
    {
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        var contract = await host.Admin.CreateContractAsync(customer);
        await host.SubmitAsync(contract.Id());
        var pending = await host.Admin.GetJsonAsync($"{CustomerApi.Route}/{customer}");
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("lastDealAt").ValueKind);

        var approvedAt = await host.ApproveAsync((await host.Admin.CreateContractAsync(customer)).Id());
        var dealt = await host.Admin.GetJsonAsync($"{CustomerApi.Route}/{customer}");
        Assert.InRange(dealt.GetProperty("lastDealAt").GetDateTimeOffset(), approvedAt.AddMilliseconds(-1), approvedAt.AddMilliseconds(1));
        var approved = (await host.Admin.GetJsonAsync($"/api/customers/{customer}/contracts")).GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("status").GetString() == "approved");
        Assert.NotEqual(JsonValueKind.Null, approved.GetProperty("approvedAt").ValueKind);

        await host.Admin.SendAsync(HttpMethod.Post, approved.Path() + "/void", new { reason = "Rescinded" });
        var voided = await host.Admin.GetJsonAsync($"{CustomerApi.Route}/{customer}");
        Assert.Equal(JsonValueKind.Null, voided.GetProperty("lastDealAt").ValueKind);
    }

    [Fact]
    public async Task cascade_to_contracts_moves_the_previous_owners_contracts_that_are_not_voided_in_the_same_transaction()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var (colleagueId, _) = await host.SignedInUserAsync("self", SalesRep);
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        var draft = await host.Admin.CreateContractAsync(customer);
        var approved = await host.Admin.CreateContractAsync(customer);
        await host.ApproveAsync(approved.Id());
        var voided = await host.Admin.CreateContractAsync(customer);
        await host.Admin.SendAsync(HttpMethod.Post, voided.Path() + "/void", new { reason = "Wrong" });
        var colleagues = await host.Admin.CreateContractAsync(customer, new { ownerId = colleagueId });
        var untouched = await host.Admin.CreateContractAsync(customer);

        await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{customer}/transfer", new { toUserId = repId, cascadeToContracts = false });
        Assert.NotEqual(repId, (await host.Admin.GetJsonAsync(untouched.Path())).GetProperty("ownerId").GetGuid());
        await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{customer}/transfer", new { toUserId = (await host.Admin.GetJsonAsync("/api/auth/me")).Id() });

        var before = await host.EventCountAsync();
        await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{customer}/transfer", new { toUserId = repId, cascadeToContracts = true });
        async Task<Guid> OwnerAsync(JsonElement c) => (await host.Admin.GetJsonAsync(c.Path())).GetProperty("ownerId").GetGuid();
        Assert.Equal(repId, await OwnerAsync(draft));
        Assert.Equal(repId, await OwnerAsync(approved));
        Assert.Equal(repId, await OwnerAsync(untouched));
        Assert.NotEqual(repId, await OwnerAsync(voided));
        Assert.Equal(colleagueId, await OwnerAsync(colleagues));
        Assert.Equal(before + 4, await host.EventCountAsync()); // the customer's and three contracts'

        var mine = (await rep.GetJsonAsync($"/api/customers/{customer}/contracts?limit=100")).GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Equal(new[] { draft.Id(), approved.Id(), untouched.Id() }.Order(), mine.Order());
        var moved = (await rep.GetJsonAsync(approved.Path() + "/history")).GetProperty("items").EnumerateArray().Last();
        Assert.Equal("transferred", moved.GetProperty("action").GetString());
    }
}
