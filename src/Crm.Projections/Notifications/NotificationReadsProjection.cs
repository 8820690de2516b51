using Crm.Events.Notifications;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Notifications;

/// <summary>
/// crm.notification_reads, inline: which notifications each user has read (notification.read on their inbox stream), apart from the
/// notifications themselves (written by the notifications subscription's handler, later): a mark-read answers with the row read at once,
/// and neither table waits for the other, in a replay or a rebuild.
/// </summary>
public sealed class NotificationReadsProjection : EventProjection
{
    public override string Name => "crm.notification_reads";

    public override IReadOnlyList<string> Tables { get; } = ["crm.notification_reads"];

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(NotificationRead), typeof(NotificationsReadAll)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        if (e.Data is NotificationsReadAll all)
        {
            var each = new NpgsqlBatchCommand(
                """
                insert into crm.notification_reads (notification_id, user_id, read_at)
                select id, @user, @at from unnest(@ids) as id on conflict do nothing
                """);
            each.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. all.NotificationIds]));
            each.Parameters.Add(new NpgsqlParameter<Guid>("user", all.UserId));
            each.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", all.At));
            batch.BatchCommands.Add(each);
            return;
        }
        if (e.Data is not NotificationRead x) return;
        var cmd = new NpgsqlBatchCommand(
            "insert into crm.notification_reads (notification_id, user_id, read_at) values (@id, @user, @at) on conflict do nothing");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", x.NotificationId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", x.UserId));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", x.At));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.notification_reads");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
