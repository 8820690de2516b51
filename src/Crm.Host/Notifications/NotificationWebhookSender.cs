using System.Text.Json;
using Crm.Projections.Notifications;
using Crm.Write.Notifications;

namespace Crm.Host.Notifications;

/// <summary>
/// The webhook channel (Wolverine handler, queue notification-channels): posts the notification as JSON to the user's webhook, signed with
/// their secret (<see cref="WebhookClient"/>), once — retried on the channel's schedule until the receiver answers 2xx, then a dead letter.
/// A user without a webhook by the time it is sent is skipped (recorded).
/// </summary>
public static class NotificationWebhookSender
{
    public static async Task HandleAsync(
        NotificationWebhookDue message, NotificationPreferencesReader preferences, WebhookClient client, NotificationWriter texts,
        NotificationDeliveries deliveries, Crm.Projections.Org.UserQueries users, TimeProvider clock, CancellationToken ct)
    {
        var due = message.Notification;
        if (await deliveries.DoneAsync(due.Id, NotificationChannels.Webhook, ct)) return;
        var (user, _) = await preferences.UserAsync(due.UserId, ct);
        var disabled = await users.GetAsync(due.UserId, ct) is not { IsDisabled: false };
        if (disabled || user.WebhookUrl is not { } url || user.WebhookSecret is not { } secret)
        {
            await deliveries.RecordAsync(due.Id, NotificationChannels.Webhook, due.UserId, NotificationDeliveries.Skipped,
                disabled ? "the user is disabled" : "the user has no webhook", clock.GetUtcNow(), ct);
            return;
        }
        var body = JsonSerializer.Serialize(new
        {
            type = "notification",
            id = due.Id,
            userId = due.UserId,
            kind = due.Kind,
            recordType = due.RecordType,
            recordId = due.RecordId,
            message = await texts.TextAsync(due, ct),
            dueAt = due.DueAt,
            actorId = due.ActorId,
            createdAt = due.CreatedAt,
        }, JsonSerializerOptions.Web);
        await client.PostAsync(url, secret, due.Id, body, clock.GetUtcNow(), ct);
        await deliveries.RecordAsync(due.Id, NotificationChannels.Webhook, due.UserId, NotificationDeliveries.Sent, new Uri(url).Host, clock.GetUtcNow(), ct);
    }
}
