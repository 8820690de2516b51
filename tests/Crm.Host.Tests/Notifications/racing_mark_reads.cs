using Crm.Events.Notifications;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Write.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Notifications;

/// <summary>
/// Mark-read runs through the command pipeline: the inbox stream is appended at the version loaded
/// (was ExpectedVersion.Any from the endpoint, which let racing requests each append a read).
/// </summary>
public sealed class racing_mark_reads(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task racing_reads_of_one_notification_all_answer_200_and_record_one_read()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var notification = await NotifyAsync(repId);

        // Each scenario expects Alba's 200.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => rep.ExpectAsync(HttpMethod.Post, $"/api/notifications/{notification}/read", null)));

        var reads = await ReadsAsync(repId);
        Assert.Equal([notification], reads);
    }

    [Fact]
    public async Task racing_reads_of_different_notifications_all_land()
    {
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        var notifications = new List<Guid>();
        for (var i = 0; i < 4; i++) notifications.Add(await NotifyAsync(repId));

        await Task.WhenAll(notifications.Select(id => rep.ExpectAsync(HttpMethod.Post, $"/api/notifications/{id}/read", null)));

        Assert.Equal(notifications.Order(), (await ReadsAsync(repId)).Order());
        var unread = await rep.GetJsonAsync("/api/notifications?unread=true");
        Assert.Empty(unread.GetProperty("items").EnumerateArray());
    }

    /// <summary>Transfers a fresh customer to the user and answers the notification it made.</summary>
    private async Task<Guid> NotifyAsync(Guid userId)
    {
        var customer = await host.Admin.CreatedAsync(Route, new { name = "Notified " + Guid.NewGuid().ToString("N")[..6] });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/transfer", new { toUserId = userId });
        await host.CaughtUpAsync(); // notifications are delivered through the outbox
        var queries = host.Services.GetRequiredService<Crm.Projections.Notifications.NotificationQueries>();
        var page = await queries.ListAsync(userId, unreadOnly: false, 100, null);
        return page.Items.Single(n => n.RecordId == customer.Id()).Id;
    }

    /// <summary>The notification ids the user's inbox stream records as read, one entry per notification.read event.</summary>
    private async Task<List<Guid>> ReadsAsync(Guid userId)
    {
        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        var events = await store.ReadStreamAsync(Inbox.IdOf(userId));
        return events.Select(e => Assert.IsType<NotificationRead>(e.Data).NotificationId).ToList();
    }
}
