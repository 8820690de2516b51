using System.Globalization;
using Crm.EventStore;
using Crm.Projections.Notifications;
using Npgsql;

namespace Crm.Projections.Tasks;

/// <summary>
/// Tasks still open a while after they came due (WORK-4 "task overdue"): open tasks whose due time is <paramref name="after"/> past
/// (and that moment within the grace), not yet told for that due time — claimed in crm.task_overdue_reminders; the owner is told
/// once. The due reminder (<see cref="TaskDueReminders"/>) says the time has come; this one says it went by and nothing happened.
/// </summary>
public sealed class TaskOverdueReminders(TimeSpan after) : IReminderSource
{
    public TimeSpan After { get; } = after > TimeSpan.Zero ? after : throw new ArgumentOutOfRangeException(nameof(after), after, "Must be positive.");

    public async Task<IReadOnlyList<NotificationDue>> ClaimAsync(NpgsqlTransaction tx, DateTimeOffset now, TimeSpan grace, int limit, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            with overdue as (
                select t.id, t.due_at, t.owner_id, t.name from crm.tasks t
                where t.status = 'open' and t.due_at <= @latest and t.due_at >= @oldest
                  and not exists (select 1 from crm.task_overdue_reminders m where m.task_id = t.id and m.due_at = t.due_at)
                order by t.due_at, t.id
                limit @limit),
            claimed as (
                insert into crm.task_overdue_reminders (task_id, due_at, owner_id, reminded_at)
                select id, due_at, owner_id, @now from overdue
                on conflict do nothing
                returning task_id, due_at)
            select overdue.* from overdue join claimed on claimed.task_id = overdue.id and claimed.due_at = overdue.due_at
            order by overdue.due_at, overdue.id
            """, tx.Connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("latest", now - After));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("oldest", now - After - grace));
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var due = new List<NotificationDue>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (task, at, owner, name) = (reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetGuid(2), reader.GetString(3));
            var id = NameBasedId.Of([.. "crm"u8, .. ".task-overdue:"u8, .. task.ToByteArray(),
                .. System.Text.Encoding.UTF8.GetBytes(at.UtcTicks.ToString(CultureInfo.InvariantCulture))]);
            due.Add(new NotificationDue(id, owner, NotificationKinds.TaskOverdue, "task", task,
                $"Task {name} is overdue: it was due {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC and is still open.",
                at + After, null, now));
        }
        return due;
    }
}
