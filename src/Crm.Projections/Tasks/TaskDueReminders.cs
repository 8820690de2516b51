using Crm.Projections.Notifications;
using Npgsql;

namespace Crm.Projections.Tasks;

/// <summary>
/// Tasks coming due (WORK-4 "task due"): open tasks whose due time has come (within the grace), not yet reminded for that due time —
/// claimed in crm.task_reminders; the owner is told once. A task whose due time moves is reminded again at its new time.
/// </summary>
public sealed class TaskDueReminders : IReminderSource
{
    public Task<IReadOnlyList<NotificationDue>> ClaimAsync(NpgsqlTransaction tx, DateTimeOffset now, TimeSpan grace, int limit, CancellationToken ct) =>
        TaskReminderClaims.ClaimAsync(tx, "crm.task_reminders", NotificationKinds.TaskDue, TimeSpan.Zero, now, grace, limit,
            (name, at) => $"Task {name} is due ({TaskReminderClaims.When(at)}).", ct);
}
