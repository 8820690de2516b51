namespace Crm.Events.Notifications;

/// <summary>A user read one of their in-app notifications (one inbox stream per user).</summary>
public sealed record NotificationRead(Guid UserId, Guid NotificationId, DateTimeOffset At);

/// <summary>
/// A user marked their unread notifications read at once ("mark all read"): the ids they had unread when they asked, as one intention
/// in their history rather than one notification.read each.
/// </summary>
public sealed record NotificationsReadAll(Guid UserId, IReadOnlyList<Guid> NotificationIds, DateTimeOffset At);
