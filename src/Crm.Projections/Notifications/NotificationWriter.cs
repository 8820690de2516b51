using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Notifications;

/// <summary>
/// Writes a delivered <see cref="NotificationDue"/> to crm.notifications: once, however often it is delivered (keyed by the notification's
/// id — the causing event's, or derived from it and the recipient), and signals the user's open streams (<see cref="InboxSignals"/>).
/// </summary>
public sealed class NotificationWriter(NpgsqlDataSource dataSource)
{
    /// <summary>True when the row is new, false when this notification was written before (a re-delivery).</summary>
    public async Task<bool> WriteAsync(NotificationDue due, CancellationToken ct = default)
    {
        // A contact or lead erased after the event while its notification was still queued: the text the message carries holds the name; the
        // marker goes in instead. Judged by the erasure log, not the kept name: the contact may have been renamed since its erasure.
        // The open streams of the user hear of it in the same statement (NOTIFY is delivered at commit, so only when the row is there);
        // not of a day-old one (a replay of the subscription rebuilding history is not news).
        await using var cmd = dataSource.CreateCommand(
            $"""
            with written as (
                insert into crm.notifications (id, user_id, kind, record_type, record_id, message, due_at, actor_id, created_at)
                values (@id, @user, @kind, @type, @record,
                        case when @erased_message is not null and exists (select 1 from es.erasures where stream_id = @record and erased_at >= @at)
                             then @erased_message else @message end,
                        @due, @actor, @at)
                on conflict (id) do nothing
                returning id, user_id)
            select w.id, (select pg_notify('{InboxSignals.Channel}', w.user_id::text || ':' || w.id::text) where @at > now() - interval '1 day')
            from written w
            """);
        // Only a contact's or a lead's transfer names a person: null for every other kind, which skips the erasure lookup.
        cmd.Parameters.Add(new NpgsqlParameter("erased_message", NpgsqlDbType.Text)
        {
            Value = (object?)TransferNotices.ErasedText(due.Kind) ?? DBNull.Value,
        });
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", due.Id));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", due.UserId));
        cmd.Parameters.Add(new NpgsqlParameter<string>("kind", due.Kind));
        cmd.Parameters.Add(new NpgsqlParameter<string>("type", due.RecordType));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("record", due.RecordId));
        cmd.Parameters.Add(new NpgsqlParameter<string>("message", due.Message));
        cmd.Parameters.Add(new NpgsqlParameter("due", NpgsqlDbType.TimestampTz) { Value = due.DueAt is { } d ? d.UtcDateTime : DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("actor", NpgsqlDbType.Uuid) { Value = (object?)due.ActorId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", due.CreatedAt));
        return await cmd.ExecuteScalarAsync(ct) is Guid;
    }

    /// <summary>
    /// The text the other channels send: the message as the in-app row would hold it (the erased marker when the contact was erased
    /// after the event), read when the channel sends.
    /// </summary>
    public async Task<string> TextAsync(NotificationDue due, CancellationToken ct = default)
    {
        if (TransferNotices.ErasedText(due.Kind) is not { } erased) return due.Message;
        await using var cmd = dataSource.CreateCommand("select exists (select 1 from es.erasures where stream_id = @record and erased_at >= @at)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("record", due.RecordId));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", due.CreatedAt));
        return (bool)(await cmd.ExecuteScalarAsync(ct))! ? erased : due.Message;
    }
}
