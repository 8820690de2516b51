namespace Crm.Projections.Notifications;

/// <summary>Every kind of notification the notifications subscription writes, and the reminders: what users choose channels for.</summary>
public static class NotificationKinds
{
    /// <summary>An instalment's reminder day has come (the payment-plan reminder job, not the subscription).</summary>
    public const string PaymentPlanDue = "payment_plan_due";

    /// <summary>A task's due time has come (the reminder job).</summary>
    public const string TaskDue = "task_due";

    /// <summary>A task is still open a while after its due time (the reminder job; <c>Crm:Reminders:OverdueAfterHours</c>).</summary>
    public const string TaskOverdue = "task_overdue";

    /// <summary>A calendar event's occurrence starts soon: one of its reminder offsets has come (the reminder job).</summary>
    public const string CalendarReminder = "calendar_reminder";

    /// <summary>A workflow's notify action (SET-3, docs/workflows.md): sent by the workflow run, not the subscription.</summary>
    public const string WorkflowNotice = "workflow_notice";

    /// <summary>The kinds the reminder job (and the workflow runs) write, not the subscription: a replay of the subscription keeps them.</summary>
    public static IReadOnlyList<string> Reminders { get; } = [PaymentPlanDue, TaskDue, TaskOverdue, CalendarReminder, WorkflowNotice];

    public static IReadOnlyList<string> All { get; } =
    [
        "customer_transferred", "customer_assigned", "customer_recycling_warning", "customer_recycled", NotificationsSubscription.ContactTransferred,
        "approval_waiting", "approval_approved", "approval_rejected", PaymentPlanDue, TaskDue, TaskOverdue, CalendarReminder,
        TaskNotices.Assigned, TaskNotices.ParticipantAdded, TaskNotices.Mentioned, TransferNotices.Lead, TransferNotices.Opportunity,
        TransferNotices.Contract, WorkflowNotice,
    ];
}
