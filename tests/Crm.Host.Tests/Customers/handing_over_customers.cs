using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Customers;

public sealed class handing_over_customers(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_disabled_users_customers_and_contacts_go_to_the_heir_as_transfers_and_a_repeat_moves_nothing()
    {
        var me = await (await host.Client.GetAsync("/api/auth/me")).JsonAsync();
        var (leaverId, leaver) = await host.ColleagueAsync("self", SalesRep);
        var (heirId, _) = await host.ColleagueAsync("self", SalesRep);
        var customer = await leaver.CreateCustomerAsync();
        var contact = await (await leaver.SendAsync(HttpMethod.Post, "/api/contacts", new { customerId = customer.Id(), name = "Wang Fang" })).JsonAsync();
        var othersCustomer = await host.Client.CreateCustomerAsync();
        var strayContact = await (await host.Client.SendAsync(HttpMethod.Post, "/api/contacts", new { customerId = othersCustomer.Id(), name = "Li Lei" })).JsonAsync();
        await host.Client.SendAsync(HttpMethod.Post, $"/api/contacts/{strayContact.Id()}/transfer", new { toUserId = leaverId });
        Assert.Equal(200, (int)(await host.Client.SendAsync(HttpMethod.Post, $"{UserApi.Route}/{leaverId}/disable", null)).StatusCode);

        var answer = await (await host.Client.SendAsync(HttpMethod.Post, $"{UserApi.Route}/{leaverId}/hand-over", new { toUserId = heirId })).JsonAsync();

        Assert.Equal(1, answer.GetProperty("modules").GetProperty("customers").GetInt32());
        Assert.Equal(1, answer.GetProperty("modules").GetProperty("contacts").GetInt32());
        Assert.Equal(heirId, (await (await host.Client.GetAsync($"{Route}/{customer.Id()}")).JsonAsync()).GetProperty("ownerId").GetGuid());
        Assert.Equal(heirId, (await (await host.Client.GetAsync($"/api/contacts/{contact.Id()}")).JsonAsync()).GetProperty("ownerId").GetGuid());
        Assert.Equal(heirId, (await (await host.Client.GetAsync($"/api/contacts/{strayContact.Id()}")).JsonAsync()).GetProperty("ownerId").GetGuid());
        var history = await (await host.Client.GetAsync($"{Route}/{customer.Id()}/history")).JsonAsync();
        var transfer = history.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("action").GetString() == "transferred");
        Assert.Equal(me.Id(), transfer.GetProperty("actorId").GetGuid());

        var again = await (await host.Client.SendAsync(HttpMethod.Post, $"{UserApi.Route}/{leaverId}/hand-over", new { toUserId = heirId })).JsonAsync();
        Assert.Equal(0, again.GetProperty("modules").GetProperty("customers").GetInt32());
        Assert.Equal(0, again.GetProperty("modules").GetProperty("contacts").GetInt32());
    }
}
