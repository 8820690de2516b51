using System.Globalization;
using Crm.Projections.Customers;
using Npgsql;
using Crm.Projections.Tables;

namespace Crm.Projections.Notifications;

/// <summary>An in-app notification.</summary>
public sealed record NotificationRow(
    Guid Id, Guid UserId, string Kind, string RecordType, Guid RecordId, string Message, DateTimeOffset? DueAt, Guid? ActorId,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>A user's own notifications, newest first, keyset-paged.</summary>
public sealed class NotificationQueries(NpgsqlDataSource dataSource)
{
    // Read marks live apart (crm.notification_reads, inline); the notification rows come from the subscription's handler.
    private const string Columns =
        "n.id, n.user_id, n.kind, n.record_type, n.record_id, n.message, n.due_at, n.actor_id, n.created_at, r.read_at";

    private const string From = "crm.notifications n left join crm.notification_reads r on r.notification_id = n.id and r.user_id = n.user_id";

    public async Task<Page<NotificationRow>> ListAsync(Guid userId, bool unreadOnly, int limit, string? cursor, CancellationToken ct = default)
    {
        var hasAfter = KeysetCursor.TryDecode(cursor, out var after);
        var afterAt = hasAfter && DateTimeOffset.TryParse(after.SortValue, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime() : DateTimeOffset.MaxValue;
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {Columns} from {From}
            where n.user_id = @user and (not @unread or r.read_at is null)
              and (not @hasAfter or (n.created_at, n.id) < (@afterAt, @afterId))
            order by n.created_at desc, n.id desc
            limit @take
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", userId));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("unread", unreadOnly));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("hasAfter", hasAfter));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("afterAt", afterAt));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("afterId", after.Id));
        cmd.Parameters.Add(new NpgsqlParameter<int>("take", limit + 1));
        var rows = new List<NotificationRow>(limit + 1);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct)) rows.Add(Read(r));
        }
        if (rows.Count <= limit) return new Page<NotificationRow>(rows, null);
        rows.RemoveAt(limit);
        return new Page<NotificationRow>(rows, KeysetCursor.Encode(rows[^1].CreatedAt.ToString("O", CultureInfo.InvariantCulture), rows[^1].Id));
    }

    public async Task<NotificationRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from {From} where n.id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    /// <summary>How many of the user's notifications are unread.</summary>
    public async Task<long> UnreadCountAsync(Guid userId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"select count(*) from {From} where n.user_id = @user and r.read_at is null");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", userId));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The ids of the user's unread notifications created at or before <paramref name="until"/> (all when null), newest first.</summary>
    public async Task<IReadOnlyList<Guid>> UnreadIdsAsync(Guid userId, DateTimeOffset? until, int limit, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select n.id from {From}
            where n.user_id = @user and r.read_at is null and (@until::timestamptz is null or n.created_at <= @until)
            order by n.created_at desc, n.id desc
            limit @take
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", userId));
        cmd.Parameters.Add(new NpgsqlParameter("until", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = until is { } u ? u.UtcDateTime : DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<int>("take", limit));
        var ids = new List<Guid>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ids.Add(r.GetGuid(0));
        return ids;
    }

    private static NotificationRow Read(NpgsqlDataReader reader)
    {
        var r = new RowReader(reader);
        return new(r.Id("id"), r.Id("user_id"), r.Text("kind"), r.Text("record_type"), r.Id("record_id"), r.Text("message"), r.TimeOrNull("due_at"),
            r.IdOrNull("actor_id"), r.Time("created_at"), r.TimeOrNull("read_at"));
    }
}
