using System.Globalization;
using Crm.EventStore;
using Crm.Projections.Notifications;
using Npgsql;

namespace Crm.Projections.Tasks;

/// <summary>
/// Tasks coming due (WORK-4 "task due"): open tasks whose due time has come (within the grace), not yet reminded for that due time —
/// claimed in crm.task_reminders; the owner is told once. A task whose due time moves is reminded again at its new time.
/// </summary>
public sealed class TaskDueReminders : IReminderSource
{
    public async Task<IReadOnlyList<NotificationDue>> ClaimAsync(NpgsqlTransaction tx, DateTimeOffset now, TimeSpan grace, int limit, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            with due as (
                select t.id, t.due_at, t.owner_id, t.name from crm.tasks t
                where t.status = 'open' and t.due_at <= @now and t.due_at >= @oldest
                  and not exists (select 1 from crm.task_reminders m where m.task_id = t.id and m.due_at = t.due_at)
                order by t.due_at, t.id
                limit @limit),
            claimed as (
                insert into crm.task_reminders (task_id, due_at, owner_id, reminded_at)
                select id, due_at, owner_id, @now from due
                on conflict do nothing
                returning task_id, due_at)
            select due.* from due join claimed on claimed.task_id = due.id and claimed.due_at = due.due_at order by due.due_at, due.id
            """, tx.Connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("oldest", now - grace));
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var due = new List<NotificationDue>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (task, at, owner, name) = (reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetGuid(2), reader.GetString(3));
            var id = NameBasedId.Of([.. "crm"u8, .. ".task-due:"u8, .. task.ToByteArray(),
                .. System.Text.Encoding.UTF8.GetBytes(at.UtcTicks.ToString(CultureInfo.InvariantCulture))]);
            due.Add(new NotificationDue(id, owner, NotificationKinds.TaskDue, "task", task,
                $"Task {name} is due ({at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC).", at, null, now));
        }
        return due;
    }
}
