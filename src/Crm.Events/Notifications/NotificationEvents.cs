namespace Crm.Events.Notifications;

/// <summary>A user read one of their in-app notifications (one inbox stream per user).</summary>
public sealed record NotificationRead(Guid UserId, Guid NotificationId, DateTimeOffset At);
