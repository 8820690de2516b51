using Crm.Host.Platform;
using Crm.Projections.Notifications;

namespace Crm.Host.Notifications;

/// <summary>An in-app notification.</summary>
/// <param name="Kind">customer_transferred, customer_assigned, customer_recycling_warning, customer_recycled or contact_transferred.</param>
/// <param name="DueAt">For recycling warnings: when the customer goes back to the pool.</param>
/// <param name="ReadAt">Null while unread.</param>
public sealed record NotificationResponse(
    Guid Id,
    [property: WireValues(typeof(NotificationKinds), nameof(NotificationKinds.All))] string Kind, string RecordType, Guid RecordId,
    string Message, DateTimeOffset? DueAt, Guid? ActorId,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationResponse From(NotificationRow r) =>
        new(r.Id, r.Kind, r.RecordType, r.RecordId, r.Message, r.DueAt, r.ActorId, r.CreatedAt, r.ReadAt);
}

/// <summary>One page of the caller's notifications, newest first.</summary>
public sealed record NotificationListResponse(IReadOnlyList<NotificationResponse> Items, string? NextCursor);

/// <summary>How many of the caller's notifications are unread.</summary>
public sealed record UnreadCountResponse(long Unread);

/// <summary>What a mark-all-read did.</summary>
/// <param name="Marked">How many notifications this call marked read (at most 1,000).</param>
/// <param name="Unread">How many stay unread (more than 0: newer than <c>until</c>, or past this call's 1,000 — call again).</param>
public sealed record ReadAllResponse(int Marked, long Unread);
