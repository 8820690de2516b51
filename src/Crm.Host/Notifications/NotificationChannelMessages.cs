using Crm.Projections.Notifications;

namespace Crm.Host.Notifications;

/// <summary>
/// A notification to send by e-mail (queue notification-channels). Carries the notification, not the address: the address is read when
/// it is sent, so a changed or removed address counts, and no address sits in Wolverine's tables.
/// </summary>
public sealed record NotificationEmailDue(NotificationDue Notification);

/// <summary>A notification to post to its user's webhook (queue notification-channels); the URL and secret are read when it is sent.</summary>
public sealed record NotificationWebhookDue(NotificationDue Notification);

/// <summary>A channel could not deliver now (SMTP or the webhook refused or failed): retried on the channel's schedule, then a dead letter.</summary>
public sealed class ChannelDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
