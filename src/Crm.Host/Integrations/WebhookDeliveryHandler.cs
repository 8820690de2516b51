using System.Text.Json;
using Crm.Host.Access;
using Crm.Host.Audit;
using Crm.Host.Notifications;
using Crm.Projections.Integrations;
using Crm.Write;
using Crm.Write.Integrations;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Crm.Host.Integrations;

/// <summary>
/// Wolverine's handler of the webhook dispatcher's messages (queue webhooks): one attempt at posting an event to a webhook. The body is
/// the event exactly as GET /api/events shows it (<see cref="AuditFeedEndpoints.Item"/>: secrets redacted), signed with the webhook's
/// secret (X-Crm-Signature: t=…,v1=…), X-Crm-Delivery naming the delivery (the same on every attempt). Sent only while the webhook is
/// live and enabled and its creator may still read the feed (audit.feed) — else the delivery is skipped. A failed attempt schedules
/// the next one (exponential back-off) as a message of its own; after the last it is a dead letter in the webhook's delivery log,
/// which an administrator sees and redelivers. Idempotent: a message that is not its round's next attempt does nothing.
/// </summary>
public static class WebhookDeliveryHandler
{
    public static async Task<OutgoingMessages> HandleAsync(WebhookDeliveryDue message, WebhookDeliveryLog log, WebhookQueries webhooks,
        EventStore.EventStore store, AccessControl access, WebhookDeliverySettings settings, IOptions<JsonOptions> json, TimeProvider clock,
        CancellationToken ct)
    {
        var next = new OutgoingMessages();
        if (await log.BeginAsync(message, clock.GetUtcNow(), ct) is null) return next;
        var webhook = await webhooks.GetAsync(message.WebhookId, ct);
        var skip = webhook is null || webhook.Deleted ? "the webhook was deleted"
            : !webhook.Enabled ? "the webhook is disabled"
            : !new Caller(webhook.CreatedBy, await access.CurrentAsync(ct)).Can(WebhookHandler.FeedPermission)
                ? "the webhook's creator may no longer read the event feed" : null;
        var row = skip is null ? await store.ReadFeedRowAsync(message.EventId, ct) : null;
        if (skip is null && row is null) skip = "the event is not in the store";
        if (skip is not null)
        {
            await log.RecordAsync(message, "skipped", row?.EventType, skip, null, clock.GetUtcNow(), ct);
            return next;
        }
        // The API's own serializer options: the body is byte for byte what GET /api/events answers for the event.
        var body = JsonSerializer.Serialize(AuditFeedEndpoints.Item(row!), json.Value.SerializerOptions);
        try
        {
            await settings.Client.PostAsync(webhook!.Url, webhook.Secret, message.DeliveryId, body, clock.GetUtcNow(), ct);
        }
        catch (ChannelDeliveryException e)
        {
            var now = clock.GetUtcNow();
            if (message.Attempt >= settings.MaxAttempts)
            {
                await log.RecordAsync(message, "dead", row!.EventType, e.Message, null, now, ct);
                return next;
            }
            var at = now + settings.DelayAfter(message.Attempt);
            await log.RecordAsync(message, "retrying", row!.EventType, e.Message, at, now, ct);
            next.Schedule(message with { Attempt = message.Attempt + 1 }, at);
            return next;
        }
        await log.RecordAsync(message, "delivered", row!.EventType, null, null, clock.GetUtcNow(), ct);
        return next;
    }
}
