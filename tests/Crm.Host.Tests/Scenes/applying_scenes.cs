using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;

namespace Crm.Host.Tests.Scenes;

public sealed class applying_scenes(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_customers_scene_applied_by_a_self_scope_user_returns_only_their_matching_customers()
    {
        var (_, sales) = await host.ColleagueAsync("self", CustomerApi.SalesRep);
        var region = LeadApi.Unique("Region");
        var mine = await sales.CreateCustomerAsync(new { level = "A", region });
        await sales.CreateCustomerAsync(new { level = "B", region });
        await host.Client.CreateCustomerAsync(new { level = "A", region });
        var filter = new { and = new object[] { new { field = "level", op = "eq", value = "A" }, new { field = "region", op = "eq", value = region } } };
        var scene = await sales.CreateSceneAsync("customers", "A in my region", filter);

        var response = await sales.PostJsonAsync($"{SceneApi.Route}/{scene.Id()}/results", new { includeTotal = true });

        Assert.Equal(200, (int)response.StatusCode);
        var page = await response.JsonAsync();
        Assert.Equal([mine.Id()], page.GetProperty("items").EnumerateArray().Select(c => c.Id()));
        Assert.Equal(1, page.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task a_contacts_scene_returns_the_contacts_search_page_within_the_callers_scope()
    {
        var (_, sales) = await host.ColleagueAsync("self", CustomerApi.SalesRep);
        var title = LeadApi.Unique("Buyer");
        var customer = await sales.CreateCustomerAsync();
        var mine = await (await sales.SendAsync(HttpMethod.Post, "/api/contacts", new { customerId = customer.Id(), name = LeadApi.Unique("Zhang"), title })).JsonAsync();
        var adminsCustomer = await host.Client.CreateCustomerAsync();
        Assert.Equal(201, (int)(await host.Client.SendAsync(HttpMethod.Post, "/api/contacts", new { customerId = adminsCustomer.Id(), name = LeadApi.Unique("Li"), title })).StatusCode);
        var scene = await sales.CreateSceneAsync("contacts", "Buyers", new { and = new[] { new { field = "title", op = "eq", value = title } } });

        var page = await (await sales.PostJsonAsync($"{SceneApi.Route}/{scene.Id()}/results", null)).JsonAsync();

        Assert.Equal([mine.Id()], page.GetProperty("items").EnumerateArray().Select(c => c.Id()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task a_scene_follows_the_callers_scope_as_it_is_now_not_as_it_was_when_saved()
    {
        var (salesId, sales) = await host.ColleagueAsync("self", CustomerApi.SalesRep);
        var region = LeadApi.Unique("Moved");
        var customer = await sales.CreateCustomerAsync(new { region });
        var scene = await sales.CreateSceneAsync("customers", "Moved", new { and = new[] { new { field = "region", op = "eq", value = region } } });
        var results = $"{SceneApi.Route}/{scene.Id()}/results";
        var (otherId, other) = await host.ColleagueAsync("self", CustomerApi.SalesRep);
        // Before the transfer the scene finds the customer for its owner.
        var before = await (await sales.PostJsonAsync(results, null)).JsonAsync();
        Assert.Equal([customer.Id()], before.GetProperty("items").EnumerateArray().Select(c => c.Id()));
        var moved = await host.Client.SendAsync(HttpMethod.Post, $"/api/customers/{customer.Id()}/transfer", new { toUserId = otherId });
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());

        var page = await (await sales.PostJsonAsync(results, null)).JsonAsync();

        Assert.NotEqual(salesId, otherId);
        Assert.Empty(page.GetProperty("items").EnumerateArray());
        // The same saved filter, run by the new owner through a scene of their own, now finds it.
        var theirs = await other.CreateSceneAsync("customers", "Moved to me", new { and = new[] { new { field = "region", op = "eq", value = region } } });
        var after = await (await other.PostJsonAsync($"{SceneApi.Route}/{theirs.Id()}/results", null)).JsonAsync();
        Assert.Equal([customer.Id()], after.GetProperty("items").EnumerateArray().Select(c => c.Id()));
    }
}
