using System.Globalization;
using System.Text.Json;
using Crm.Host.Notifications;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Projections.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.Notifications;

/// <summary>The e-mail channel through a real SMTP server (in-process sink) and the webhook channel to a local receiver.</summary>
public sealed class delivering_through_channels(ChannelsHost host) : IClassFixture<ChannelsHost>
{
    private const string Route = "/api/notification-preferences";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task a_notification_goes_by_email_and_signed_webhook_only_when_so_chosen_and_once_however_often_it_is_delivered()
    {
        using var receiver = new WebhookReceiver();
        var address = $"rep{Guid.NewGuid():N}@example.test";
        var (repId, rep) = await RepAsync(address);
        var secret = (await rep.ExpectAsync(HttpMethod.Put, $"{Route}/webhook", new { url = receiver.Url })).Json().GetProperty("secret").GetString()!;
        await rep.ExpectAsync(HttpMethod.Put, Route, new { choices = new[] { new { kind = "customer_transferred", channels = new[] { "email", "webhook" } } } });

        var customer = await TransferAsync(repId);
        await host.CaughtUpAsync();

        var mail = Assert.Single(await host.Smtp.ToAsync(address, 1, Patience));
        Assert.Contains("was transferred to you", mail.Subject);
        Assert.Equal("crm@example.test", mail.From.Mailboxes.Single().Address);
        var hit = Assert.Single(await receiver.HitsAsync(1, Patience));
        var body = JsonDocument.Parse(hit.Body).RootElement;
        Assert.Equal(customer, body.GetProperty("recordId").GetGuid());
        Assert.Equal("customer_transferred", body.GetProperty("kind").GetString());
        var signature = hit.Signature!.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(WebhookClient.Sign(secret, signature["t"], hit.Body), signature["v1"]);
        Assert.NotEqual(WebhookClient.Sign(secret + "x", signature["t"], hit.Body), signature["v1"]);
        Assert.True(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(signature["t"], CultureInfo.InvariantCulture)) < 120);
        // In-app was not chosen: no row in the inbox.
        Assert.Empty((await rep.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray());

        // The same notification delivered again (Wolverine is at least once; a replay of the subscription): nothing is sent twice.
        var id = Guid.Parse(hit.Delivery!);
        var again = new NotificationDue(id, repId, "customer_transferred", "customer", customer, "again", null, null, DateTimeOffset.UtcNow);
        await host.Services.GetRequiredService<IMessageBus>().PublishAsync(again);
        await host.CaughtUpAsync();
        await Task.Delay(500);
        Assert.Single(await host.Smtp.ToAsync(address, 1, TimeSpan.Zero));
        Assert.Single(receiver.Hits);
        var deliveries = await host.Services.GetRequiredService<NotificationDeliveries>().OfAsync(id, CancellationToken.None);
        Assert.Equal([("email", "sent", address), ("webhook", "sent", "127.0.0.1")], deliveries);
    }

    [Fact]
    public async Task a_refusing_webhook_is_retried_with_the_same_delivery_id_until_it_takes_the_notification()
    {
        using var receiver = new WebhookReceiver(500, 503);
        var (repId, rep) = await RepAsync(null);
        await rep.ExpectAsync(HttpMethod.Put, $"{Route}/webhook", new { url = receiver.Url });
        await rep.ExpectAsync(HttpMethod.Put, Route, new { choices = new[] { new { kind = "customer_transferred", channels = new[] { "in_app", "webhook" } } } });

        await TransferAsync(repId);

        var hits = await receiver.HitsAsync(3, Patience);
        Assert.Equal(3, hits.Count);
        Assert.Single(hits.Select(h => h.Delivery).Distinct());
        await host.CaughtUpAsync();
        Assert.Equal(3, receiver.Hits.Count);
        Assert.Single((await rep.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task a_user_without_an_address_gets_no_mail_and_a_disabled_one_neither_mail_nor_webhook()
    {
        var address = $"gone{Guid.NewGuid():N}@example.test";
        var (repId, rep) = await RepAsync(address);
        await rep.ExpectAsync(HttpMethod.Put, Route, new { choices = new[] { new { kind = "customer_transferred", channels = new[] { "in_app", "email" } } } });
        await host.Admin.ExpectAsync(HttpMethod.Patch, $"/api/users/{repId}", new { email = (string?)null });

        await TransferAsync(repId);
        await host.CaughtUpAsync();

        var id = (await rep.GetJsonAsync("/api/notifications")).GetProperty("items")[0].Id();
        Assert.Empty(await host.Services.GetRequiredService<NotificationDeliveries>().OfAsync(id, CancellationToken.None));
        Assert.Empty(await host.Smtp.ToAsync(address, 1, TimeSpan.Zero));

        // A leaver (or a taken-over account an administrator disabled) is sent nothing more, whatever their choices say.
        using var receiver = new WebhookReceiver();
        var leaverAddress = $"leaver{Guid.NewGuid():N}@example.test";
        var (leaverId, leaver) = await RepAsync(leaverAddress);
        await leaver.ExpectAsync(HttpMethod.Put, $"{Route}/webhook", new { url = receiver.Url });
        await leaver.ExpectAsync(HttpMethod.Put, Route, new { choices = new[] { new { kind = "customer_transferred", channels = new[] { "email", "webhook" } } } });
        await host.Admin.SendAsync("POST", $"/api/users/{leaverId}/disable");
        var late = new NotificationDue(Guid.CreateVersion7(), leaverId, "customer_transferred", "customer", Guid.CreateVersion7(), "late", null, null,
            DateTimeOffset.UtcNow);
        await host.Services.GetRequiredService<IMessageBus>().PublishAsync(late);
        await host.CaughtUpAsync();
        Assert.Empty(await host.Smtp.ToAsync(leaverAddress, 1, TimeSpan.FromSeconds(1)));
        Assert.Empty(receiver.Hits);
    }

    [Fact]
    public async Task email_is_refused_to_a_user_without_an_address_naming_the_choice()
    {
        var (_, rep) = await RepAsync(null);
        await rep.RefusalAsync(HttpMethod.Put, Route, new { choices = new[] { new { kind = "approval_waiting", channels = new[] { "email" } } } }, 422,
            "choices[0].channels", "email_missing");
        Assert.True((await rep.GetJsonAsync(Route)).GetProperty("emailAvailable").GetBoolean());
    }

    private async Task<(Guid Id, ApiCaller Caller)> RepAsync(string? email)
    {
        var role = await host.Admin.CreatedAsync("/api/roles", new { name = "R " + Guid.NewGuid().ToString("N"), permissions = SalesRep, dataScope = "self" });
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.Id() }, email });
        return (user.Id(), await host.SignedInAsync(user.Mobile(), UserApi.Password));
    }

    private async Task<Guid> TransferAsync(Guid userId)
    {
        var customer = await host.Admin.CreatedAsync(Customers.CustomerApi.Route, new { name = "Sent " + Guid.NewGuid().ToString("N")[..6] });
        await host.Admin.ExpectAsync(HttpMethod.Post, $"{Customers.CustomerApi.Route}/{customer.Id()}/transfer", new { toUserId = userId });
        return customer.Id();
    }
}
