using System.Globalization;
using Crm.EventStore;
using Crm.Projections.Notifications;
using Npgsql;

namespace Crm.Projections.Tasks;

/// <summary>
/// What the task reminders share: open tasks whose due time plus <c>after</c> has come (within the grace), not yet claimed for that due
/// time in <c>table</c> (task_id, due_at, owner_id, reminded_at) — claimed there in the caller's transaction; each becomes one
/// notification to the owner, its id derived from the reminder's name, the task and the due time (the same in every pass).
/// </summary>
internal static class TaskReminderClaims
{
    public static async Task<IReadOnlyList<NotificationDue>> ClaimAsync(NpgsqlTransaction tx, string table, string kind, TimeSpan after,
        DateTimeOffset now, TimeSpan grace, int limit, Func<string, DateTimeOffset, string> text, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            with due as (
                select t.id, t.due_at, t.owner_id, t.name from crm.tasks t
                where t.status = 'open' and t.due_at <= @latest and t.due_at >= @oldest
                  and not exists (select 1 from {table} m where m.task_id = t.id and m.due_at = t.due_at)
                order by t.due_at, t.id
                limit @limit),
            claimed as (
                insert into {table} (task_id, due_at, owner_id, reminded_at)
                select id, due_at, owner_id, @now from due
                on conflict do nothing
                returning task_id, due_at)
            select due.* from due join claimed on claimed.task_id = due.id and claimed.due_at = due.due_at order by due.due_at, due.id
            """, tx.Connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("latest", now - after));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("oldest", now - after - grace));
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var due = new List<NotificationDue>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (task, at, owner, name) = (reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetGuid(2), reader.GetString(3));
            var id = NameBasedId.Of([.. System.Text.Encoding.UTF8.GetBytes($"crm.{kind.Replace('_', '-')}:"), .. task.ToByteArray(),
                .. System.Text.Encoding.UTF8.GetBytes(at.UtcTicks.ToString(CultureInfo.InvariantCulture))]);
            due.Add(new NotificationDue(id, owner, kind, "task", task, text(name, at), at + after, null, now));
        }
        return due;
    }

    /// <summary>A due time as the messages write it.</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
