using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Calendar;

/// <summary>A task's due time as a calendar shows it.</summary>
public sealed record CalendarTaskDue(Guid TaskId, string Name, DateTimeOffset DueAt, Guid OwnerId);

/// <summary>A follow-up's next contact time as its author's calendar shows it, with the record it was written on.</summary>
public sealed record CalendarFollowUp(Guid Id, string RecordType, Guid RecordId, string Kind, string Content, DateTimeOffset NextContactAt);

/// <summary>
/// Reads of the schedule (WORK-3): one event, a user's events overlapping a window (organizer or attendee), their open tasks due in it
/// (owner or participant), the next-contact times of the follow-ups they wrote, and the feed a token hash opens. Each read is bounded.
/// </summary>
public sealed class CalendarQueries(NpgsqlDataSource dataSource)
{
    /// <summary>At most this many events, tasks or follow-ups are read for one window (a calendar, a feed).</summary>
    public const int MaxRows = 2000;

    public async Task<CalendarEventRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {CalendarEventSql.Binder.SelectList} from crm.calendar_events where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? CalendarEventSql.Binder.Read(reader) : null;
    }

    /// <summary>
    /// The user's scheduled events that may have an occurrence overlapping [from, to): the ones they organize and the ones they are invited
    /// to, each read up to <paramref name="max"/> apart — anyone may invite anyone, so invitations never crowd out the user's own events.
    /// </summary>
    public Task<IReadOnlyList<CalendarEventRow>> EventsOfAsync(Guid userId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        EventsOfAsync(userId, from, to, MaxRows, ct);

    /// <summary>As above, each branch read up to <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<CalendarEventRow>> EventsOfAsync(Guid userId, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken ct)
    {
        // Two branches, each on its own index (organizer; attendee through GIN), as the workbench reads tasks.
        var where = "status = 'scheduled' and first_start < @to and (last_end is null or last_end > @from)";
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {CalendarEventSql.Binder.SelectList} from (
                (select * from crm.calendar_events where organizer_id = @user and {where} order by first_start, id limit {max})
                union all
                (select * from crm.calendar_events where attendee_ids @> array[@user]::uuid[] and organizer_id <> @user and {where}
                 order by first_start, id limit {max})) e
            order by first_start, id
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", userId));
        cmd.Parameters.Add(Time("from", from));
        cmd.Parameters.Add(Time("to", to));
        var rows = new List<CalendarEventRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(CalendarEventSql.Binder.Read(reader));
        return rows;
    }

    /// <summary>The user's open tasks (owner or participant) due in [from, to), by due time.</summary>
    public async Task<IReadOnlyList<CalendarTaskDue>> TasksDueAsync(Guid userId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select id, name, due_at, owner_id from (
                select id, name, due_at, owner_id from crm.tasks where owner_id = @user and status = 'open' and due_at >= @from and due_at < @to
                union
                select id, name, due_at, owner_id from crm.tasks
                where participant_ids @> array[@user]::uuid[] and status = 'open' and due_at >= @from and due_at < @to) t
            order by due_at, id limit {MaxRows}
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", userId));
        cmd.Parameters.Add(Time("from", from));
        cmd.Parameters.Add(Time("to", to));
        var rows = new List<CalendarTaskDue>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new CalendarTaskDue(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetGuid(3)));
        return rows;
    }

    /// <summary>The next-contact times in [from, to) of the follow-ups the user wrote ("set the next contact time, add it to my schedule").</summary>
    public async Task<IReadOnlyList<CalendarFollowUp>> FollowUpsAsync(Guid userId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select id, record_type, record_id, kind, content, next_contact_at from crm.follow_ups
            where created_by = @user and next_contact_at >= @from and next_contact_at < @to
            order by next_contact_at, id limit {MaxRows}
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", userId));
        cmd.Parameters.Add(Time("from", from));
        cmd.Parameters.Add(Time("to", to));
        var rows = new List<CalendarFollowUp>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new CalendarFollowUp(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return rows;
    }

    /// <summary>The user whose current feed token has this SHA-256 (hex); null for a revoked or unknown one (one index lookup either way).</summary>
    public async Task<Guid?> FeedUserAsync(string tokenHash, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select user_id from crm.calendar_feeds where token_hash = @hash");
        cmd.Parameters.Add(new NpgsqlParameter<string>("hash", tokenHash));
        return await cmd.ExecuteScalarAsync(ct) is Guid user ? user : null;
    }

    private static NpgsqlParameter Time(string name, DateTimeOffset at) => new(name, NpgsqlDbType.TimestampTz) { Value = at.ToUniversalTime() };
}
