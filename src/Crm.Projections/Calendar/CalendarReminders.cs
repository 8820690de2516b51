using System.Globalization;
using Crm.EventStore;
using Crm.Projections.Notifications;
using Npgsql;

namespace Crm.Projections.Calendar;

/// <summary>
/// Calendar reminders (WORK-4 "calendar_reminder"): for each reminder offset of a scheduled event — of each occurrence of a series,
/// exceptions applied — its organizer and attendees are told at start − offset, once: the (event, occurrence start, offset) is claimed
/// in crm.calendar_reminders in the caller's transaction. An occurrence that has already begun is not reminded of any more (an event
/// scheduled late does not send stale reminders); one moved is reminded again at its new time.
/// </summary>
public sealed class CalendarReminders(int pageSize = CalendarReminders.PageSize) : IReminderSource
{
    /// <summary>The longest reminder offset: four weeks before the start.</summary>
    public const int MaxMinutes = 40320;

    /// <summary>
    /// Candidate events are read this many at a time, in (first start, id) order, until none is left: every candidate is looked at in every
    /// pass (a series that never ends stays a candidate for good, so a cap would starve the newest).
    /// </summary>
    public const int PageSize = 1000;

    /// <summary>How late an "at the start" reminder (offset 0) may still go out: a pass runs every 15 s; a job down longer sends none.</summary>
    public static readonly TimeSpan AtStartWindow = TimeSpan.FromMinutes(5);

    private readonly int page = pageSize > 0 ? pageSize : throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "Must be positive.");

    public async Task<IReadOnlyList<NotificationDue>> ClaimAsync(NpgsqlTransaction tx, DateTimeOffset now, TimeSpan grace, int limit, CancellationToken ct)
    {
        var due = new List<(CalendarEventRow Row, CalendarOccurrence Occurrence, int Minutes)>();
        await foreach (var row in CandidatesAsync(tx, now, ct))
        {
            var longest = TimeSpan.FromMinutes(row.Fields.ReminderMinutes.Max());
            foreach (var occurrence in row.Occurrences(now - AtStartWindow, now + longest + TimeSpan.FromMinutes(1), CalendarOccurrences.MaxSteps))
            {
                foreach (var minutes in row.Fields.ReminderMinutes)
                {
                    // An occurrence already begun is reminded only by an "at the start" offset (0), and only just after it began.
                    if (minutes > 0 ? occurrence.Start <= now : occurrence.Start > now || occurrence.Start < now - AtStartWindow) continue;
                    var at = occurrence.Start - TimeSpan.FromMinutes(minutes);
                    if (at <= now && at >= now - grace) due.Add((row, occurrence, minutes));
                }
            }
        }
        if (due.Count == 0) return [];
        // What an earlier pass (or another host) claimed is left out before the batch is cut, so it never crowds out the rest.
        var sent = await ClaimedAsync(tx, [.. due.Select(d => (d.Row.Id, d.Occurrence.Start, d.Minutes))], ct);
        due = [.. due.Where(d => !sent.Contains((d.Row.Id, d.Occurrence.Start, d.Minutes))).Take(limit)];
        if (due.Count == 0) return [];
        var claimed = await ClaimRowsAsync(tx, [.. due.Select(d => (d.Row.Id, d.Occurrence.Start, d.Minutes))], now, ct);
        return [.. due.Where(d => claimed.Contains((d.Row.Id, d.Occurrence.Start, d.Minutes)))
            .SelectMany(d => Notifications(d.Row, d.Occurrence, d.Minutes, now))];
    }

    /// <summary>One notification per recipient; its id is the event's, the occurrence's, the offset's and the user's.</summary>
    private static IEnumerable<NotificationDue> Notifications(CalendarEventRow row, CalendarOccurrence occurrence, int minutes, DateTimeOffset now)
    {
        var local = CalendarZones.InZone(occurrence.Start, row.Fields.TimeZone);
        var when = row.Fields.AllDay ? local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {row.Fields.TimeZone}";
        var message = $"{occurrence.Title ?? row.Fields.Title} starts {when}.";
        foreach (var user in new[] { row.OrganizerId }.Concat(row.AttendeeIds).Distinct())
        {
            var id = NameBasedId.Of([.. "crm"u8, .. ".calendar-reminder:"u8, .. row.Id.ToByteArray(), .. user.ToByteArray(),
                .. System.Text.Encoding.UTF8.GetBytes($"{occurrence.Start.UtcTicks}:{minutes}")]);
            yield return new NotificationDue(id, user, NotificationKinds.CalendarReminder, "calendar_event", row.Id, message, occurrence.Start, null, now);
        }
    }

    private async IAsyncEnumerable<CalendarEventRow> CandidatesAsync(NpgsqlTransaction tx, DateTimeOffset now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        (DateTimeOffset Start, Guid Id)? after = null;
        while (true)
        {
            await using var cmd = new NpgsqlCommand(
                $"""
                select {CalendarEventSql.Binder.SelectList} from crm.calendar_events
                where status = 'scheduled' and cardinality(reminder_minutes) > 0 and first_start <= @horizon and (last_end is null or last_end > @now)
                  {(after is null ? "" : "and (first_start, id) > (@afterStart, @afterId)")}
                order by first_start, id limit {page}
                """, tx.Connection, tx);
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("horizon", now + TimeSpan.FromMinutes(MaxMinutes + 1)));
            if (after is { } a)
            {
                cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("afterStart", a.Start));
                cmd.Parameters.Add(new NpgsqlParameter<Guid>("afterId", a.Id));
            }
            var rows = new List<CalendarEventRow>(page);
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) rows.Add(CalendarEventSql.Binder.Read(reader));
            }
            foreach (var row in rows) yield return row;
            if (rows.Count < page) yield break;
            after = (rows[^1].FirstStart, rows[^1].Id);
        }
    }

    private static async Task<HashSet<(Guid, DateTimeOffset, int)>> ClaimedAsync(NpgsqlTransaction tx,
        IReadOnlyList<(Guid Event, DateTimeOffset Start, int Minutes)> due, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            select r.event_id, r.occurrence_start, r.minutes from crm.calendar_reminders r
            join unnest(@events, @starts, @minutes) as d(e, s, m) on r.event_id = d.e and r.occurrence_start = d.s and r.minutes = d.m
            """, tx.Connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("events", [.. due.Select(d => d.Event)]));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("starts", [.. due.Select(d => d.Start)]));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("minutes", [.. due.Select(d => d.Minutes)]));
        var claimed = new HashSet<(Guid, DateTimeOffset, int)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) claimed.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2)));
        return claimed;
    }

    private static async Task<HashSet<(Guid, DateTimeOffset, int)>> ClaimRowsAsync(NpgsqlTransaction tx,
        IReadOnlyList<(Guid Event, DateTimeOffset Start, int Minutes)> due, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            insert into crm.calendar_reminders (event_id, occurrence_start, minutes, reminded_at)
            select e, s, m, @now from unnest(@events, @starts, @minutes) as d(e, s, m)
            on conflict do nothing
            returning event_id, occurrence_start, minutes
            """, tx.Connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("events", [.. due.Select(d => d.Event)]));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("starts", [.. due.Select(d => d.Start)]));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("minutes", [.. due.Select(d => d.Minutes)]));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        var claimed = new HashSet<(Guid, DateTimeOffset, int)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) claimed.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2)));
        return claimed;
    }
}
