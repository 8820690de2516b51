using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;

namespace Crm.Host.Tests.Scenes;

public sealed class applying_scenes(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>A customer with a unique name and the given region and level, created by the caller.</summary>
    private static Task<JsonElement> CustomerAsync(ApiCaller caller, string? level = null, string? region = null)
    {
        var body = new Dictionary<string, object> { ["name"] = LeadApi.Unique("Acme") };
        if (level is not null) body["level"] = level;
        if (region is not null) body["region"] = region;
        return caller.CreatedAsync(CustomerApi.Route, body);
    }

    [Fact]
    public async Task a_customers_scene_applied_by_a_self_scope_user_returns_only_their_matching_customers()
    {
        var (_, sales) = await host.SignedInUserAsync("self", CustomerApi.SalesRep);
        var region = LeadApi.Unique("Region");
        var mine = await CustomerAsync(sales, "A", region);
        await CustomerAsync(sales, "B", region);
        await CustomerAsync(host.Admin, "A", region);
        var filter = new { and = new object[] { new { field = "level", op = "eq", value = "A" }, new { field = "region", op = "eq", value = region } } };
        var scene = await sales.CreateSceneAsync("customers", "A in my region", filter);

        var page = (await sales.ExpectAsync(HttpMethod.Post, $"{SceneApi.Route}/{scene.Id()}/results", new { includeTotal = true })).Json();

        Assert.Equal([mine.Id()], page.GetProperty("items").EnumerateArray().Select(c => c.Id()));
        Assert.Equal(1, page.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task a_contacts_scene_returns_the_contacts_search_page_within_the_callers_scope()
    {
        var (_, sales) = await host.SignedInUserAsync("self", CustomerApi.SalesRep);
        var title = LeadApi.Unique("Buyer");
        var customer = await CustomerAsync(sales);
        var mine = await sales.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = LeadApi.Unique("Zhang"), title });
        var adminsCustomer = await CustomerAsync(host.Admin);
        await host.Admin.CreatedAsync("/api/contacts", new { customerId = adminsCustomer.Id(), name = LeadApi.Unique("Li"), title });
        var scene = await sales.CreateSceneAsync("contacts", "Buyers", new { and = new[] { new { field = "title", op = "eq", value = title } } });

        var page = (await sales.ExpectAsync(HttpMethod.Post, $"{SceneApi.Route}/{scene.Id()}/results", null)).Json();

        Assert.Equal([mine.Id()], page.GetProperty("items").EnumerateArray().Select(c => c.Id()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task a_scene_follows_the_callers_scope_as_it_is_now_not_as_it_was_when_saved()
    {
        var (salesId, sales) = await host.SignedInUserAsync("self", CustomerApi.SalesRep);
        var region = LeadApi.Unique("Moved");
        var customer = await CustomerAsync(sales, region: region);
        var scene = await sales.CreateSceneAsync("customers", "Moved", new { and = new[] { new { field = "region", op = "eq", value = region } } });
        var results = $"{SceneApi.Route}/{scene.Id()}/results";
        var (otherId, other) = await host.SignedInUserAsync("self", CustomerApi.SalesRep);
        // Before the transfer the scene finds the customer for its owner.
        var before = (await sales.ExpectAsync(HttpMethod.Post, results, null)).Json();
        Assert.Equal([customer.Id()], before.GetProperty("items").EnumerateArray().Select(c => c.Id()));
        await host.Admin.ExpectAsync(HttpMethod.Post, $"/api/customers/{customer.Id()}/transfer", new { toUserId = otherId });

        var page = (await sales.ExpectAsync(HttpMethod.Post, results, null)).Json();

        Assert.NotEqual(salesId, otherId);
        Assert.Empty(page.GetProperty("items").EnumerateArray());
        // The same saved filter, run by the new owner through a scene of their own, now finds it.
        var theirs = await other.CreateSceneAsync("customers", "Moved to me", new { and = new[] { new { field = "region", op = "eq", value = region } } });
        var after = (await other.ExpectAsync(HttpMethod.Post, $"{SceneApi.Route}/{theirs.Id()}/results", null)).Json();
        Assert.Equal([customer.Id()], after.GetProperty("items").EnumerateArray().Select(c => c.Id()));
    }
}
