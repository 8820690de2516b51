using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Notifications;

/// <summary>A class of its own: its host ends with a dead letter, which every other test's wait for the outbox would take as a failure.</summary>
public sealed class dead_lettering_deliveries(ChannelsHost host) : IClassFixture<ChannelsHost>
{
    [Fact]
    public async Task a_webhook_that_never_takes_it_is_tried_once_and_on_each_retry_then_dead_lettered_where_administrators_see_it()
    {
        using var receiver = new WebhookReceiver(Enumerable.Repeat(500, 100).ToArray());
        var (repId, rep) = await host.SignedInUserAsync("self", SalesRep);
        await rep.ExpectAsync(HttpMethod.Put, "/api/notification-preferences/webhook", new { url = receiver.Url });
        await rep.ExpectAsync(HttpMethod.Put, "/api/notification-preferences",
            new { choices = new[] { new { kind = "customer_transferred", channels = new[] { "webhook" } } } });
        var customer = await host.Admin.CreatedAsync(Route, new { name = "Never " + Guid.NewGuid().ToString("N")[..6] });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{Route}/{customer.Id()}/transfer", new { toUserId = repId });

        var deadline = DateTime.UtcNow.AddSeconds(60);
        System.Text.Json.JsonElement outbox;
        do
        {
            await Task.Delay(200);
            outbox = await host.Admin.GetJsonAsync("/api/admin/outbox");
        } while (outbox.GetProperty("deadLetterCount").GetInt64() == 0 && DateTime.UtcNow < deadline);

        var letter = Assert.Single(outbox.GetProperty("deadLetters").EnumerateArray());
        Assert.Contains("NotificationWebhookDue", letter.GetProperty("messageType").GetString());
        Assert.Contains("500", letter.GetProperty("exceptionMessage").GetString());
        // ChannelsHost retries three times (Crm:Notifications:ChannelRetrySeconds): four attempts in all, no fifth.
        await Task.Delay(1000);
        Assert.Equal(4, receiver.Hits.Count);
        await rep.SendAsync("GET", "/api/admin/outbox", status: 403);
    }
}
