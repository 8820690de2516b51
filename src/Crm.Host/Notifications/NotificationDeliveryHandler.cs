using Crm.Projections.Notifications;

namespace Crm.Host.Notifications;

/// <summary>
/// Wolverine's handler of the notifications subscription's messages (queue <c>notifications</c>): writes the notification, once however
/// often it is delivered. Registered explicitly in Outbox/OutboxSetup.cs; its adapter is pre-generated (Internal/Generated).
/// </summary>
public static class NotificationDeliveryHandler
{
    public static Task HandleAsync(NotificationDue message, NotificationWriter writer, CancellationToken ct) => writer.WriteAsync(message, ct);
}
