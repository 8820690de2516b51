using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Leads;

/// <summary>
/// Lead lists page like customer lists (SET-2): listPageSize is the default page size and its cap, and a
/// lead's follow-ups page by relatedListPageSize. This class's database has its own settings.
/// </summary>
public sealed class lead_lists_honour_the_page_size_settings(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<int> CountAsync(HttpResponseMessage response)
    {
        Assert.Equal(200, (int)response.StatusCode);
        return (await response.JsonAsync()).GetProperty("items").GetArrayLength();
    }

    [Fact]
    public async Task the_lead_list_search_pool_and_follow_ups_default_to_and_are_capped_by_the_settings()
    {
        var changed = await host.Client.SendJsonAsync(HttpMethod.Patch, "/api/settings", """{"listPageSize":3,"relatedListPageSize":2}""");
        Assert.Equal(200, (int)changed.StatusCode);
        var leads = new List<Guid>();
        for (var i = 0; i < 4; i++) leads.Add((await host.Client.CreateLeadAsync()).Id());
        for (var i = 0; i < 3; i++)
            Assert.Equal(201, (int)(await host.Client.PostJsonAsync($"{LeadApi.Route}/{leads[0]}/follow-ups", new { kind = "phone", content = $"Call {i}" })).StatusCode);

        Assert.Equal(3, await CountAsync(await host.Client.GetAsync(LeadApi.Route)));
        Assert.Equal(3, await CountAsync(await host.Client.GetAsync(LeadApi.Route + "?limit=100")));
        Assert.Equal(2, await CountAsync(await host.Client.GetAsync(LeadApi.Route + "?limit=2")));
        Assert.Equal(3, await CountAsync(await host.Client.PostJsonAsync(LeadApi.Route + "/search", new { limit = 100 })));
        Assert.Equal(2, await CountAsync(await host.Client.GetAsync($"{LeadApi.Route}/{leads[0]}/follow-ups?limit=100")));

        foreach (var id in leads) Assert.Equal(200, (int)(await host.Client.PostJsonAsync($"{LeadApi.Route}/{id}/pool", new { })).StatusCode);
        Assert.Equal(3, await CountAsync(await host.Client.GetAsync(LeadApi.Route + "/pool?limit=100")));

        // The customer list, for comparison: the same setting, the same answer.
        for (var i = 0; i < 4; i++) await host.Client.CreateCustomerAsync();
        Assert.Equal(3, await CountAsync(await host.Client.GetAsync("/api/customers?limit=100")));
    }
}
