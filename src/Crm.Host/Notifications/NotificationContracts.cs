using Crm.Host.Platform;
using Crm.Projections.Notifications;

namespace Crm.Host.Notifications;

/// <summary>An in-app notification.</summary>
/// <param name="Kind">customer_transferred, customer_assigned, customer_recycling_warning, customer_recycled or contact_transferred.</param>
/// <param name="DueAt">For recycling warnings: when the customer goes back to the pool.</param>
/// <param name="ReadAt">Null while unread.</param>
public sealed record NotificationResponse(
    Guid Id,
    [property: WireValues("customer_transferred", "customer_assigned", "customer_recycling_warning", "customer_recycled",
        "contact_transferred", "approval_waiting", "approval_approved", "approval_rejected")] string Kind, string RecordType, Guid RecordId,
    string Message, DateTimeOffset? DueAt, Guid? ActorId,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationResponse From(NotificationRow r) =>
        new(r.Id, r.Kind, r.RecordType, r.RecordId, r.Message, r.DueAt, r.ActorId, r.CreatedAt, r.ReadAt);
}

/// <summary>One page of the caller's notifications, newest first.</summary>
public sealed record NotificationListResponse(IReadOnlyList<NotificationResponse> Items, string? NextCursor);
