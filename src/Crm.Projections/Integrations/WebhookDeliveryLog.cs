using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Integrations;

/// <summary>A delivery as its webhook's log has it.</summary>
public sealed record WebhookDelivery(
    Guid Id, long Seq, Guid WebhookId, Guid EventId, string? EventType, Guid Round, string Status, int Attempts, string? LastError,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset CreatedAt);

/// <summary>
/// crm.webhook_deliveries: each webhook's delivery log, written by the delivery handler. A message is acted on only when it is the
/// next attempt of the delivery's current round, so a message handled twice (the outbox is at least once) or a retry of a round
/// that was started again sends nothing twice.
/// </summary>
public sealed class WebhookDeliveryLog(NpgsqlDataSource dataSource)
{
    public static IReadOnlyList<string> Statuses { get; } = ["pending", "retrying", "delivered", "dead", "skipped"];

    private const string Columns = "id, seq, webhook_id, event_id, event_type, round, status, attempts, last_error, last_attempt_at, next_attempt_at, "
        + "delivered_at, created_at";

    /// <summary>The delivery this message is an attempt of, when it is the round's next attempt; null when there is nothing to do.</summary>
    public async Task<WebhookDelivery?> BeginAsync(WebhookDeliveryDue m, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            insert into crm.webhook_deliveries (id, webhook_id, event_id, round, status, attempts, created_at)
            values (@id, @webhook, @event, @round, 'pending', 0, @now) on conflict (id) do nothing;
            update crm.webhook_deliveries set round = @round, status = 'pending', attempts = 0, last_error = null, next_attempt_at = null,
                   delivered_at = null
             where id = @id and @redelivery and round <> @round and status in ('delivered', 'dead', 'skipped');
            select {Columns} from crm.webhook_deliveries where id = @id;
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", m.DeliveryId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("webhook", m.WebhookId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("event", m.EventId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("round", m.Round));
        cmd.Parameters.Add(new NpgsqlParameter<bool>("redelivery", m.Redelivery));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        var rows = await ReadAsync(cmd, ct);
        return rows is [{ } row] && row.Round == m.Round && row.Attempts == m.Attempt - 1 && row.Status is "pending" or "retrying" ? row : null;
    }

    /// <summary>Records an attempt's outcome (or a skip, attempt 0) on the round it belongs to.</summary>
    public async Task RecordAsync(WebhookDeliveryDue m, string status, string? eventType, string? error, DateTimeOffset? next, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            update crm.webhook_deliveries set status = @status, attempts = greatest(attempts, @attempt), event_type = coalesce(@type, event_type),
                   last_error = @error, last_attempt_at = case when @attempt > 0 then @now else last_attempt_at end, next_attempt_at = @next,
                   delivered_at = case when @status = 'delivered' then @now end
             where id = @id and round = @round
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", m.DeliveryId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("round", m.Round));
        cmd.Parameters.Add(new NpgsqlParameter<string>("status", status));
        cmd.Parameters.Add(new NpgsqlParameter<int>("attempt", status == "skipped" ? 0 : m.Attempt));
        cmd.Parameters.Add(new NpgsqlParameter("type", NpgsqlDbType.Text) { Value = (object?)eventType ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("next", NpgsqlDbType.TimestampTz) { Value = (object?)next ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<WebhookDelivery?> GetAsync(Guid webhookId, Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from crm.webhook_deliveries where id = @id and webhook_id = @webhook");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("webhook", webhookId));
        var rows = await ReadAsync(cmd, ct);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>A webhook's deliveries, newest first: up to <paramref name="limit"/> before <paramref name="beforeSeq"/>, of one status when given.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ListAsync(Guid webhookId, string? status, long? beforeSeq, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {Columns} from crm.webhook_deliveries
             where webhook_id = @webhook and (@status::text is null or status = @status) and (@before::bigint is null or seq < @before)
             order by seq desc limit @limit
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("webhook", webhookId));
        cmd.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)status ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Bigint) { Value = (object?)beforeSeq ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadAsync(cmd, ct);
    }

    private static async Task<IReadOnlyList<WebhookDelivery>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var rows = new List<WebhookDelivery>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        do
        {
            if (r.FieldCount < 13) continue;
            while (await r.ReadAsync(ct))
            {
                rows.Add(new WebhookDelivery(r.GetGuid(0), r.GetInt64(1), r.GetGuid(2), r.GetGuid(3), Text(r, 4), r.GetGuid(5), r.GetString(6), r.GetInt32(7),
                    Text(r, 8), Time(r, 9), Time(r, 10), Time(r, 11), r.GetFieldValue<DateTimeOffset>(12)));
            }
        } while (await r.NextResultAsync(ct));
        return rows;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
