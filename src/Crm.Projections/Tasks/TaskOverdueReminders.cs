using Crm.Projections.Notifications;
using Npgsql;

namespace Crm.Projections.Tasks;

/// <summary>
/// Tasks still open a while after they came due (WORK-4 "task overdue"): open tasks whose due time is <see cref="After"/> past (and that
/// moment within the grace), not yet told for that due time — claimed in crm.task_overdue_reminders; the owner is told once. The due
/// reminder (<see cref="TaskDueReminders"/>) says the time has come; this one says it went by and nothing happened.
/// </summary>
public sealed class TaskOverdueReminders(TimeSpan after) : IReminderSource
{
    public TimeSpan After { get; } = after > TimeSpan.Zero ? after : throw new ArgumentOutOfRangeException(nameof(after), after, "Must be positive.");

    public Task<IReadOnlyList<NotificationDue>> ClaimAsync(NpgsqlTransaction tx, DateTimeOffset now, TimeSpan grace, int limit, CancellationToken ct) =>
        TaskReminderClaims.ClaimAsync(tx, "crm.task_overdue_reminders", NotificationKinds.TaskOverdue, After, now, grace, limit,
            (name, at) => $"Task {name} is overdue: it was due {TaskReminderClaims.When(at)} and is still open.", ct);
}
