using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Opportunities;

namespace Crm.Host.Tests.Customers;

/// <summary>CUS-10: a customer's follow-up status is new, in_communication or closed_deal — the last while it has a deal that still counts.</summary>
public sealed class closing_a_deal(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_customer_with_a_live_deal_shows_closed_deal_in_detail_list_filter_and_export_until_the_deal_is_reopened()
    {
        await host.DefaultPipelineAsync();
        var name = "Deal " + Guid.NewGuid().ToString("N")[..8];
        var dealer = (await host.Admin.CreateCustomerAsync(name: name + " dealer")).Id();
        var talker = (await host.Admin.CreateCustomerAsync(name: name + " talker")).Id();
        await host.Admin.SendAsync(HttpMethod.Post, $"{CustomerApi.Route}/{talker}/follow-ups", new { kind = "communication", content = "Called" }, 201);
        var deal = await host.CreateOpportunityAsync(host.Admin, dealer);
        var dealPath = $"{OpportunityApi.Route}/{deal.Id()}";
        await host.Admin.SendAsync(HttpMethod.Post, dealPath + "/win");

        Assert.Equal("closed_deal", await StatusAsync(dealer));
        Assert.Equal("in_communication", await StatusAsync(talker));
        var listed = (await host.Admin.GetJsonAsync($"{CustomerApi.Route}?q={Uri.EscapeDataString(name)}")).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.Id(), i => i.GetProperty("followUpStatus").GetString());
        Assert.Equal(new Dictionary<Guid, string?> { [dealer] = "closed_deal", [talker] = "in_communication" }, listed);
        Assert.Equal([dealer], await FilteredAsync(name, "closed_deal"));
        Assert.Equal([talker], await FilteredAsync(name, "in_communication"));
        var csv = (await host.Admin.Scenario(s => s.Post.Json(new { q = name, sort = "name" }).ToUrl("/api/customers/export"))).ReadAsText();
        Assert.Contains(",closed_deal,", csv.Split('\n').Single(l => l.StartsWith(dealer.ToString(), StringComparison.Ordinal)));

        // A reopened deal no longer counts: the customer is back to what its follow-ups say (none: new).
        await host.Admin.SendAsync(HttpMethod.Post, dealPath + "/reopen", new { });
        Assert.Equal("new", await StatusAsync(dealer));
        Assert.Empty(await FilteredAsync(name, "closed_deal"));
    }

    private async Task<string?> StatusAsync(Guid customer) =>
        (await host.Admin.GetJsonAsync($"{CustomerApi.Route}/{customer}")).GetProperty("followUpStatus").GetString();

    private async Task<List<Guid>> FilteredAsync(string name, string status)
    {
        var found = await host.Admin.Scenario(s => s.Post.Json(new
        {
            q = name, filter = new { and = new[] { new { field = "followUpStatus", op = "eq", value = status } } },
        }).ToUrl($"{CustomerApi.Route}/search"));
        return found.Json().GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
    }
}
