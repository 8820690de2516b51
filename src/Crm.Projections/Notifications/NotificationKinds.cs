namespace Crm.Projections.Notifications;

/// <summary>Every kind of notification the notifications subscription writes: what users choose channels for.</summary>
public static class NotificationKinds
{
    public static IReadOnlyList<string> All { get; } =
    [
        "customer_transferred", "customer_assigned", "customer_recycling_warning", "customer_recycled", NotificationsSubscription.ContactTransferred,
        "approval_waiting", "approval_approved", "approval_rejected",
    ];
}
