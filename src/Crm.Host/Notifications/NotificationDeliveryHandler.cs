using Crm.Projections.Notifications;
using Crm.Write.Notifications;
using Wolverine;

namespace Crm.Host.Notifications;

/// <summary>
/// Wolverine's handler of the notifications subscription's messages (queue <c>notifications</c>): routes each notification through the
/// channels its user chose for its kind (their own choice, else the administrators' default, else in-app only) — writes the in-app row
/// once however often it is delivered, and hands e-mail and webhook deliveries on as messages of their own (each retried on its own).
/// Registered explicitly in Outbox/OutboxSetup.cs; its adapter is pre-generated (Internal/Generated).
/// </summary>
public static class NotificationDeliveryHandler
{
    public static async Task<OutgoingMessages> HandleAsync(
        NotificationDue message, NotificationWriter writer, NotificationPreferencesReader preferences, CancellationToken ct)
    {
        var route = await preferences.RouteAsync(message.UserId, message.Kind, ct);
        if (route.Channels.Contains(NotificationChannels.InApp)) await writer.WriteAsync(message, ct);
        var next = new OutgoingMessages();
        // Handed on at every delivery of this message, not only the first: the channels skip what they sent already.
        if (route.Channels.Contains(NotificationChannels.Email)) next.Add(new NotificationEmailDue(message));
        if (route.Channels.Contains(NotificationChannels.Webhook)) next.Add(new NotificationWebhookDue(message));
        return next;
    }
}
