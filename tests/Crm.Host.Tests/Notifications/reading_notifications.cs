using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Notifications;

public sealed class reading_notifications(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_transfer_and_an_assignment_notify_the_new_owner_who_reads_them_one_by_one()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var transferred = await host.Admin.CreatedAsync(Route, new { name = "Notified " + Guid.NewGuid().ToString("N")[..6] });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{Route}/{transferred.Id()}/transfer", new { toUserId = repId });
        var pooled = await host.Admin.CreatedAsync(Route, new { name = "Acme " + Guid.NewGuid().ToString("N")[..12] });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{Route}/{pooled.Id()}/put-in-pool", new { });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"/api/pool/{pooled.Id()}/assign", new { userId = repId });

        await host.CaughtUpAsync(); // notifications are delivered through the outbox
        var inbox = await rep.GetJsonAsync("/api/notifications?unread=true");
        var items = inbox.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["customer_assigned", "customer_transferred"], items.Select(i => i.GetProperty("kind").GetString()!).ToArray());
        Assert.Contains(transferred.GetProperty("name").GetString()!, items[1].GetProperty("message").GetString());

        var first = items[0].Id();
        await host.Admin.Scenario(s =>
        {
            s.Post.Url($"/api/notifications/{first}/read");
            s.WithoutBody();
            s.StatusCodeShouldBe(404);
        });
        var read = (await rep.ExpectAsync(HttpMethod.Post, $"/api/notifications/{first}/read", null)).Json();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, read.GetProperty("readAt").ValueKind);
        await rep.ExpectAsync(HttpMethod.Post, $"/api/notifications/{first}/read", null);

        var unread = await rep.GetJsonAsync("/api/notifications?unread=true");
        Assert.Equal(items[1].Id(), Assert.Single(unread.GetProperty("items").EnumerateArray()).Id());
        var paged = await rep.GetJsonAsync("/api/notifications?limit=1");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, paged.GetProperty("nextCursor").ValueKind);
        Assert.DoesNotContain((await host.Admin.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("recordId").GetGuid() == transferred.Id());
    }

    [Fact]
    public async Task bad_paging_is_a_400_an_unknown_notification_a_404_and_no_token_a_401()
    {
        await host.Admin.RefusalAsync(HttpMethod.Get, "/api/notifications?limit=0", null, 400, "limit");
        await host.Admin.RefusalAsync(HttpMethod.Get, "/api/notifications?cursor=zzz", null, 400, "cursor");
        await host.Admin.RefusalAsync(HttpMethod.Post, $"/api/notifications/{Guid.NewGuid()}/read", null, 404);
        await host.SignedOut.Scenario(s =>
        {
            s.Get.Url("/api/notifications");
            s.StatusCodeShouldBe(401);
        });
    }
}
