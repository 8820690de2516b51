using System.Globalization;
using Crm.Events.Notifications;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Write.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Notifications;

public sealed class reading_all_notifications(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task read_all_marks_the_unread_ones_up_to_until_in_one_event_and_leaves_the_newer_and_other_users_alone()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var (otherId, other) = await host.SignedInUserAsync("self", SalesRep);
        for (var i = 0; i < 3; i++) await TransferAsync(repId);
        await TransferAsync(otherId);
        await host.CaughtUpAsync(); // notifications are delivered through the outbox
        Assert.Equal(3, (await rep.GetJsonAsync("/api/notifications/unread-count")).GetProperty("unread").GetInt64());

        var listed = (await rep.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray().ToList();
        var until = listed[1].GetProperty("createdAt").GetDateTimeOffset();
        var first = (await rep.ExpectAsync(HttpMethod.Post, $"/api/notifications/read-all?until={Uri.EscapeDataString(until.ToString("O", CultureInfo.InvariantCulture))}", null)).Json();
        Assert.Equal(2, first.GetProperty("marked").GetInt32());
        Assert.Equal(1, first.GetProperty("unread").GetInt64());
        var unread = (await rep.GetJsonAsync("/api/notifications?unread=true")).GetProperty("items").EnumerateArray();
        Assert.Equal(listed[0].Id(), Assert.Single(unread).Id());

        var rest = (await rep.ExpectAsync(HttpMethod.Post, "/api/notifications/read-all", null)).Json();
        Assert.Equal(1, rest.GetProperty("marked").GetInt32());
        Assert.Equal(0, rest.GetProperty("unread").GetInt64());
        var nothing = (await rep.ExpectAsync(HttpMethod.Post, "/api/notifications/read-all", null)).Json();
        Assert.Equal(0, nothing.GetProperty("marked").GetInt32());

        // Two intentions in the rep's history, naming what each marked; nothing written by the call that found nothing unread.
        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        var events = (await store.ReadStreamAsync(Inbox.IdOf(repId))).Select(e => Assert.IsType<NotificationsReadAll>(e.Data)).ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(listed.Skip(1).Select(i => i.Id()).Order(), events[0].NotificationIds.Order());
        Assert.Equal([listed[0].Id()], events[1].NotificationIds);
        Assert.Equal(1, (await other.GetJsonAsync("/api/notifications/unread-count")).GetProperty("unread").GetInt64());
    }

    [Fact]
    public async Task a_read_notification_counts_no_more_and_a_later_read_all_does_not_name_it_again()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        await TransferAsync(repId);
        await TransferAsync(repId);
        await host.CaughtUpAsync();
        var newest = (await rep.GetJsonAsync("/api/notifications")).GetProperty("items")[0].Id();
        await rep.ExpectAsync(HttpMethod.Post, $"/api/notifications/{newest}/read", null);
        Assert.Equal(1, (await rep.GetJsonAsync("/api/notifications/unread-count")).GetProperty("unread").GetInt64());

        Assert.Equal(1, (await rep.ExpectAsync(HttpMethod.Post, "/api/notifications/read-all", null)).Json().GetProperty("marked").GetInt32());
        var all = (await host.Services.GetRequiredService<EventStore.EventStore>().ReadStreamAsync(Inbox.IdOf(repId)))[^1];
        Assert.DoesNotContain(newest, Assert.IsType<NotificationsReadAll>(all.Data).NotificationIds);
    }

    [Fact]
    public async Task a_bad_until_is_a_400_naming_it_and_no_token_a_401()
    {
        await host.Admin.RefusalAsync(HttpMethod.Post, "/api/notifications/read-all?until=yesterday", null, 400, "until");
        foreach (var (method, path) in new[] { ("POST", "/api/notifications/read-all"), ("GET", "/api/notifications/unread-count"), ("GET", "/api/notifications/stream") })
        {
            await host.SignedOut.SendAsync(method, path, status: 401);
        }
    }

    private async Task TransferAsync(Guid userId)
    {
        var customer = await host.Admin.CreatedAsync(Route, new { name = "Notified " + Guid.NewGuid().ToString("N")[..6] });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/transfer", new { toUserId = userId });
    }
}
