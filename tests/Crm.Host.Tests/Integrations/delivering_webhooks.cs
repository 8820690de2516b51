using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Notifications;
using static Crm.Host.Tests.Customers.CustomerApi;
using static Crm.Host.Tests.Integrations.IntegrationApi;

namespace Crm.Host.Tests.Integrations;

/// <summary>SET-5: events of the feed posted to a real loopback receiver, signed, retried with back-off, dead-lettered and redelivered.</summary>
public sealed class delivering_webhooks(IntegrationsHost host) : IClassFixture<IntegrationsHost>
{
    [Fact]
    public async Task a_receiver_that_fails_twice_gets_the_same_signed_feed_event_three_times_and_the_log_says_delivered()
    {
        using var receiver = new WebhookReceiver(500, 503);
        var hook = await host.Admin.CreateWebhookAsync(receiver.Url, ["customer.created"]);
        var secret = hook.GetProperty("secret").GetString()!;
        var name = "Signed " + Guid.NewGuid().ToString("N")[..6];
        var customer = await host.Admin.CreatedAsync(Route, new { name });

        var deliveries = await host.DeliveriesWhenAsync(hook.Id(), d => d.Any(x => x.GetProperty("status").GetString() == "delivered"));
        var delivery = Assert.Single(deliveries);
        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal("customer.created", delivery.GetProperty("eventType").GetString());

        var hits = receiver.Hits.ToList();
        Assert.Equal(3, hits.Count);
        Assert.All(hits, h => Assert.True(SignatureHolds(h.Signature, h.Body, secret, TimeSpan.FromMinutes(5))));
        Assert.All(hits, h => Assert.Equal(delivery.GetProperty("id").GetString(), h.Delivery));
        Assert.False(SignatureHolds(hits[0].Signature, hits[0].Body + " ", secret, TimeSpan.FromMinutes(5)));
        Assert.False(SignatureHolds(hits[0].Signature, hits[0].Body, "whsec_not-the-secret", TimeSpan.FromMinutes(5)));
        // Back-off: each retry waited longer than the one before (0.05 s, then 0.1 s).
        Assert.True(hits[2].At - hits[1].At >= hits[1].At - hits[0].At - TimeSpan.FromMilliseconds(20));

        // The payload is the feed's own item for the event.
        var body = JsonDocument.Parse(hits[0].Body).RootElement;
        var feed = (await host.Admin.GetJsonAsync("/api/events?limit=1000")).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("eventId").GetString() == body.GetProperty("eventId").GetString());
        Assert.Equal(feed.GetRawText(), body.GetRawText());
        Assert.Equal(customer.Id(), body.GetProperty("streamId").GetGuid());
        Assert.Equal(name, body.GetProperty("data").GetProperty("fields").GetProperty("name").GetString());
    }

    [Fact]
    public async Task a_receiver_that_always_fails_leaves_a_dead_letter_which_redelivery_delivers_once_it_answers()
    {
        using var receiver = new WebhookReceiver(500, 500, 500);
        var hook = await host.Admin.CreateWebhookAsync(receiver.Url, ["customer.*"], [new { path = "fields.name", equalTo = "Dead letter" }]);
        await host.Admin.CreatedAsync(Route, new { name = "Not this one" });
        await host.Admin.CreatedAsync(Route, new { name = "Dead letter" });

        var dead = Assert.Single(await host.DeliveriesWhenAsync(hook.Id(), d => d.Any(x => x.GetProperty("status").GetString() == "dead")));
        Assert.Equal("dead", dead.GetProperty("status").GetString());
        Assert.Equal(3, dead.GetProperty("attempts").GetInt32());
        Assert.Contains("500", dead.GetProperty("lastError").GetString());
        var letters = await host.Admin.GetJsonAsync($"{Webhooks}/{hook.Id()}/deliveries?status=dead");
        Assert.Single(letters.GetProperty("items").EnumerateArray());

        await host.Admin.Scenario(s =>
        {
            s.Post.Url($"{Webhooks}/{hook.Id()}/deliveries/{dead.GetProperty("id").GetGuid()}/redeliver");
            s.WithoutBody();
            s.StatusCodeShouldBe(202);
        });
        var again = Assert.Single(await host.DeliveriesWhenAsync(hook.Id(), d => d.Any(x => x.GetProperty("status").GetString() == "delivered")));
        Assert.Equal("delivered", again.GetProperty("status").GetString());
        Assert.Equal(1, again.GetProperty("attempts").GetInt32());
        Assert.Equal(4, receiver.Hits.Count);
        Assert.All(receiver.Hits, h => Assert.Contains("Dead letter", h.Body));
    }

    [Fact]
    public async Task a_creator_who_lost_the_feed_permission_gets_nothing_and_the_log_says_why()
    {
        using var receiver = new WebhookReceiver();
        var role = await host.Admin.CreateRoleAsync("Integrator " + Guid.NewGuid().ToString("N")[..6], "all", "webhook.list", "webhook.edit", "audit.feed");
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.Id() } });
        var integrator = await host.SignedInAsync(user.Mobile(), UserApi.Password);
        var hook = await integrator.CreateWebhookAsync(receiver.Url, ["customer.created"]);
        await host.Admin.Scenario(s =>
        {
            s.Patch.Json(new { permissions = new[] { "webhook.list", "webhook.edit" } }).ToUrl($"/api/roles/{role.Id()}");
        });
        await host.Admin.CreatedAsync(Route, new { name = "Hidden from the hook" });

        var skipped = Assert.Single(await host.DeliveriesWhenAsync(hook.Id(), d => d.Any(x => x.GetProperty("status").GetString() == "skipped")));
        Assert.Contains("feed", skipped.GetProperty("lastError").GetString());
        Assert.Empty(receiver.Hits);
    }

    [Fact]
    public async Task secrets_in_an_event_are_redacted_in_its_delivery_as_in_the_feed()
    {
        using var receiver = new WebhookReceiver();
        var watcher = await host.Admin.CreateWebhookAsync(receiver.Url, ["webhook.created"]);
        var other = await host.Admin.CreateWebhookAsync("https://hooks.example.com/other", ["webhook.deleted"]);
        var secret = other.GetProperty("secret").GetString()!;

        await host.DeliveriesWhenAsync(watcher.Id(), d => d.Any(x => x.GetProperty("status").GetString() == "delivered"));
        var hit = Assert.Single(receiver.Hits);
        Assert.DoesNotContain(secret, hit.Body);
        Assert.DoesNotContain("hooks.example.com", hit.Body);
        var data = JsonDocument.Parse(hit.Body).RootElement.GetProperty("data");
        Assert.Equal("[redacted]", data.GetProperty("secret").GetString());
        Assert.Equal("[redacted]", data.GetProperty("url").GetString());
    }
}
