using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Customers;

public sealed class handing_over_customers(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_disabled_users_customers_and_contacts_go_to_the_heir_as_transfers_and_a_repeat_moves_nothing()
    {
        var me = await host.Admin.GetJsonAsync("/api/auth/me");
        var (leaverId, leaver) = await host.SignedInUserAsync("self", SalesRep);
        var (heirId, _) = await host.SignedInUserAsync("self", SalesRep);
        var customer = await leaver.CreateCustomerAsync();
        var contact = await leaver.CreatedAsync("/api/contacts", new { customerId = customer.Id(), name = "Wang Fang" });
        var othersCustomer = await host.Admin.CreateCustomerAsync();
        var strayContact = await host.Admin.CreatedAsync("/api/contacts", new { customerId = othersCustomer.Id(), name = "Li Lei" });
        await host.Admin.Scenario(s => s.Post.Json(new { toUserId = leaverId }).ToUrl($"/api/contacts/{strayContact.Id()}/transfer"));
        await host.Admin.Scenario(s => s.Post.Url($"{UserApi.Route}/{leaverId}/disable"));

        var answer = (await host.Admin.Scenario(s => s.Post.Json(new { toUserId = heirId }).ToUrl($"{UserApi.Route}/{leaverId}/hand-over"))).Json();

        Assert.Equal(1, answer.GetProperty("modules").GetProperty("customers").GetInt32());
        Assert.Equal(1, answer.GetProperty("modules").GetProperty("contacts").GetInt32());
        Assert.Equal(heirId, (await host.Admin.GetJsonAsync($"{Route}/{customer.Id()}")).GetProperty("ownerId").GetGuid());
        Assert.Equal(heirId, (await host.Admin.GetJsonAsync($"/api/contacts/{contact.Id()}")).GetProperty("ownerId").GetGuid());
        Assert.Equal(heirId, (await host.Admin.GetJsonAsync($"/api/contacts/{strayContact.Id()}")).GetProperty("ownerId").GetGuid());
        var history = await host.Admin.GetJsonAsync($"{Route}/{customer.Id()}/history");
        var transfer = history.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("action").GetString() == "transferred");
        Assert.Equal(me.Id(), transfer.GetProperty("actorId").GetGuid());

        var again = (await host.Admin.Scenario(s => s.Post.Json(new { toUserId = heirId }).ToUrl($"{UserApi.Route}/{leaverId}/hand-over"))).Json();
        Assert.Equal(0, again.GetProperty("modules").GetProperty("customers").GetInt32());
        Assert.Equal(0, again.GetProperty("modules").GetProperty("contacts").GetInt32());
    }
}
