using Npgsql;

namespace Crm.Projections.Notifications;

/// <summary>crm.notification_deliveries: what the e-mail and webhook channels did with each notification, once each.</summary>
public sealed class NotificationDeliveries(NpgsqlDataSource dataSource)
{
    public const string Sent = "sent";
    public const string Skipped = "skipped";

    /// <summary>True when the channel already dealt with the notification (a re-delivered message sends nothing again).</summary>
    public async Task<bool> DoneAsync(Guid notificationId, string channel, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "select exists (select 1 from crm.notification_deliveries where notification_id = @id and channel = @channel)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", notificationId));
        cmd.Parameters.Add(new NpgsqlParameter<string>("channel", channel));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task RecordAsync(Guid notificationId, string channel, Guid userId, string outcome, string? detail, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            insert into crm.notification_deliveries (notification_id, channel, user_id, outcome, detail, delivered_at)
            values (@id, @channel, @user, @outcome, @detail, @at) on conflict do nothing
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", notificationId));
        cmd.Parameters.Add(new NpgsqlParameter<string>("channel", channel));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", userId));
        cmd.Parameters.Add(new NpgsqlParameter<string>("outcome", outcome));
        cmd.Parameters.Add(new NpgsqlParameter("detail", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)detail ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The rows of one notification (tests, and an administrator's question "did it go out?").</summary>
    public async Task<IReadOnlyList<(string Channel, string Outcome, string? Detail)>> OfAsync(Guid notificationId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "select channel, outcome, detail from crm.notification_deliveries where notification_id = @id order by channel");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", notificationId));
        var rows = new List<(string, string, string?)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add((r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
        return rows;
    }
}
