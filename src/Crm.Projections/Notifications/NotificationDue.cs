namespace Crm.Projections.Notifications;

/// <summary>
/// The message the notifications subscription hands to the outbox: one in-app notification for one user, its text final (the record's
/// name as it was when the event happened). Its handler writes it to crm.notifications once, keyed by <see cref="Id"/>.
/// </summary>
/// <param name="Id">The notification's id: the causing event's id, or one derived from it and the recipient when one event tells several.</param>
public sealed record NotificationDue(
    Guid Id, Guid UserId, string Kind, string RecordType, Guid RecordId, string Message, DateTimeOffset? DueAt, Guid? ActorId, DateTimeOffset CreatedAt);
