using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Notifications;

public sealed class reading_notifications(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_transfer_and_an_assignment_notify_the_new_owner_who_reads_them_one_by_one()
    {
        var (repId, rep) = await host.ColleagueAsync("self", SalesRep);
        var transferred = await host.Client.CreateCustomerAsync(name: "Notified " + Guid.NewGuid().ToString("N")[..6]);
        await host.Client.SendAsync(HttpMethod.Post, $"{Route}/{transferred.Id()}/transfer", new { toUserId = repId });
        var pooled = await host.Client.CreateCustomerAsync();
        await host.Client.SendAsync(HttpMethod.Post, $"{Route}/{pooled.Id()}/put-in-pool", new { });
        await host.Client.SendAsync(HttpMethod.Post, $"/api/pool/{pooled.Id()}/assign", new { userId = repId });

        var inbox = await (await rep.GetAsync("/api/notifications?unread=true")).JsonAsync();
        var items = inbox.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["customer_assigned", "customer_transferred"], items.Select(i => i.GetProperty("kind").GetString()!).ToArray());
        Assert.Contains(transferred.GetProperty("name").GetString()!, items[1].GetProperty("message").GetString());

        var first = items[0].Id();
        Assert.Equal(404, (int)(await host.Client.SendAsync(HttpMethod.Post, $"/api/notifications/{first}/read", null)).StatusCode);
        var read = await (await rep.SendAsync(HttpMethod.Post, $"/api/notifications/{first}/read", null)).JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, read.GetProperty("readAt").ValueKind);
        Assert.Equal(200, (int)(await rep.SendAsync(HttpMethod.Post, $"/api/notifications/{first}/read", null)).StatusCode);

        var unread = await (await rep.GetAsync("/api/notifications?unread=true")).JsonAsync();
        Assert.Equal(items[1].Id(), Assert.Single(unread.GetProperty("items").EnumerateArray()).Id());
        var paged = await (await rep.GetAsync("/api/notifications?limit=1")).JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, paged.GetProperty("nextCursor").ValueKind);
        Assert.DoesNotContain((await (await host.Client.GetAsync("/api/notifications")).JsonAsync()).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("recordId").GetGuid() == transferred.Id());
    }

    [Fact]
    public async Task bad_paging_is_a_400_an_unknown_notification_a_404_and_no_token_a_401()
    {
        await (await host.Client.GetAsync("/api/notifications?limit=0")).AssertProblemAsync(400, "limit");
        await (await host.Client.GetAsync("/api/notifications?cursor=zzz")).AssertProblemAsync(400, "cursor");
        await (await host.Client.SendAsync(HttpMethod.Post, $"/api/notifications/{Guid.NewGuid()}/read", null)).AssertProblemAsync(404);
        Assert.Equal(401, (int)(await host.Anonymous.GetAsync("/api/notifications")).StatusCode);
    }
}
