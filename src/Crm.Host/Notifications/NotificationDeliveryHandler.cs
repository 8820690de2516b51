using Crm.Projections.Notifications;
using Crm.Projections.Org;
using Crm.Write.Notifications;
using Wolverine;

namespace Crm.Host.Notifications;

/// <summary>
/// Wolverine's handler of the notifications subscription's messages (queue <c>notifications</c>): routes each notification through the
/// channels its user had chosen for its kind when it happened (their own choice, else the administrators' default, else in-app only) —
/// writes the in-app row once however often it is delivered, and hands e-mail and webhook deliveries on as messages of their own (each
/// retried on its own). E-mail and webhooks only for a notification younger than the channels' maximum age (a replay of the
/// subscription re-delivers history: it rebuilds the in-app rows, it never mails them) and for a user who is not disabled.
/// Registered explicitly in Outbox/OutboxSetup.cs; its adapter is pre-generated (Internal/Generated).
/// </summary>
public static class NotificationDeliveryHandler
{
    public static async Task<OutgoingMessages> HandleAsync(NotificationDue message, NotificationWriter writer, NotificationPreferencesReader preferences,
        UserQueries users, NotificationDeliverySettings delivery, TimeProvider clock, CancellationToken ct)
    {
        var route = await preferences.RouteAsync(message.UserId, message.Kind, message.CreatedAt, ct);
        if (route.Channels.Contains(NotificationChannels.InApp)) await writer.WriteAsync(message, ct);
        var next = new OutgoingMessages();
        var outward = route.Channels.Where(c => c is NotificationChannels.Email or NotificationChannels.Webhook).ToList();
        if (outward.Count == 0 || clock.GetUtcNow() - message.CreatedAt > delivery.ChannelMaxAge) return next;
        if (await users.GetAsync(message.UserId, ct) is not { IsDisabled: false } user) return next;
        // Handed on at every delivery of this message, not only the first: the channels skip what they sent already.
        if (outward.Contains(NotificationChannels.Email) && !string.IsNullOrWhiteSpace(user.Email)) next.Add(new NotificationEmailDue(message));
        if (outward.Contains(NotificationChannels.Webhook) && route.HasWebhook) next.Add(new NotificationWebhookDue(message));
        return next;
    }
}
