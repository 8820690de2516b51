using System.Text.Json;
using Crm.Host.Tests.Contracts;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Opportunities;
using Crm.Projections.Notifications;

namespace Crm.Host.Tests.Notifications;

/// <summary>
/// WORK-4's "records transferred to you" for leads, opportunities and contracts: the new owner is told with the record's name as it was;
/// a record moved with its customer is told by the customer's transfer alone; an erased lead's notifications lose its name.
/// </summary>
public sealed class notifying_of_transfers(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly string[] Rep = [.. ContractApi.SalesRep, .. OpportunityApi.SalesRep, "lead.list", "lead.detail", "lead.edit"];

    [Fact]
    public async Task a_lead_an_opportunity_and_a_contract_transferred_to_you_are_in_your_inbox_by_name()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", [.. Rep.Distinct()]);
        var lead = await host.Admin.CreateLeadAsync("Wang Fang " + Guid.NewGuid().ToString("N")[..6]);
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/transfer", new { ownerId = repId });
        var opportunity = await host.CreateOpportunityAsync(host.Admin);
        await host.Admin.SendAsync(HttpMethod.Post, $"{OpportunityApi.Route}/{opportunity.Id()}/transfer", new { toUserId = repId });
        var contract = await host.Admin.CreateContractAsync();
        await host.Admin.SendAsync(HttpMethod.Post, contract.Path() + "/transfer", new { toUserId = repId });

        await host.CaughtUpAsync();
        var inbox = await InboxAsync(rep);
        Assert.Equal([TransferNotices.Lead, TransferNotices.Opportunity, TransferNotices.Contract], inbox.Select(n => n.GetProperty("kind").GetString()));
        Assert.Equal([lead.Id(), opportunity.Id(), contract.Id()], inbox.Select(n => n.GetProperty("recordId").GetGuid()));
        Assert.Equal(["lead", "opportunity", "contract"], inbox.Select(n => n.GetProperty("recordType").GetString()));
        Assert.Equal($"Lead {lead.GetProperty("name").GetString()} was transferred to you.", inbox[0].GetProperty("message").GetString());
        Assert.Contains(opportunity.GetProperty("name").GetString()!, inbox[1].GetProperty("message").GetString());
        Assert.Contains(contract.GetProperty("name").GetString()!, inbox[2].GetProperty("message").GetString());

        await host.Admin.SendAsync(HttpMethod.Post, $"{LeadApi.Route}/{lead.Id()}/erase", new { reason = "Data subject request #7" });
        await host.CaughtUpAsync();
        var erased = (await InboxAsync(rep))[0].GetProperty("message").GetString()!;
        Assert.Equal(TransferNotices.ErasedText(TransferNotices.Lead), erased);
        Assert.DoesNotContain("Wang Fang", erased);
    }

    [Fact]
    public async Task an_opportunity_moved_with_its_customer_is_told_by_the_customer_transfer_alone()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", [.. Rep.Distinct()]);
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        await host.CreateOpportunityAsync(host.Admin, customer);
        await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{customer}/transfer", new { toUserId = repId, cascadeToOpportunities = true });

        await host.CaughtUpAsync();
        var inbox = await InboxAsync(rep);
        Assert.Equal(["customer_transferred"], inbox.Select(n => n.GetProperty("kind").GetString()));
        Assert.Equal(customer, inbox[0].GetProperty("recordId").GetGuid());
    }

    private static async Task<List<JsonElement>> InboxAsync(ApiCaller caller) =>
        [.. (await caller.GetJsonAsync("/api/notifications?limit=200")).GetProperty("items").EnumerateArray().Reverse()];
}
