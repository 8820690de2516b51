using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Leads;

/// <summary>
/// Lead lists page like customer lists (SET-2): listPageSize is the default page size and its cap, and a
/// lead's follow-ups page by relatedListPageSize. This class's database has its own settings.
/// </summary>
public sealed class lead_lists_honour_the_page_size_settings(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<int> CountAsync(string url) => (await host.Admin.GetJsonAsync(url)).GetProperty("items").GetArrayLength();

    [Fact]
    public async Task the_lead_list_search_pool_and_follow_ups_default_to_and_are_capped_by_the_settings()
    {
        await host.Admin.ExpectAsync(HttpMethod.Patch, "/api/settings", """{"listPageSize":3,"relatedListPageSize":2}""");
        var leads = new List<Guid>();
        for (var i = 0; i < 4; i++) leads.Add((await host.Admin.CreateLeadAsync()).Id());
        for (var i = 0; i < 3; i++)
            await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{leads[0]}/follow-ups", new { kind = "phone", content = $"Call {i}" }, 201);

        Assert.Equal(3, await CountAsync(LeadApi.Route));
        Assert.Equal(3, await CountAsync(LeadApi.Route + "?limit=100"));
        Assert.Equal(2, await CountAsync(LeadApi.Route + "?limit=2"));
        Assert.Equal(3, (await host.Admin.ExpectAsync(HttpMethod.Post, LeadApi.Route + "/search", new { limit = 100 })).Json().GetProperty("items").GetArrayLength());
        Assert.Equal(2, await CountAsync($"{LeadApi.Route}/{leads[0]}/follow-ups?limit=100"));

        foreach (var id in leads) await host.Admin.ExpectAsync(HttpMethod.Post, $"{LeadApi.Route}/{id}/pool", new { });
        Assert.Equal(3, await CountAsync(LeadApi.Route + "/pool?limit=100"));

        // The customer list, for comparison: the same setting, the same answer.
        for (var i = 0; i < 4; i++) await host.Admin.CreatedAsync("/api/customers", new { name = LeadApi.Unique("Customer") });
        Assert.Equal(3, await CountAsync("/api/customers?limit=100"));
    }
}
