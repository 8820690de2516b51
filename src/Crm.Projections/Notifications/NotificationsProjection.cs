using System.Globalization;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Notifications;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;
using FieldChange = Crm.Events.FieldChange;

namespace Crm.Projections.Notifications;

/// <summary>
/// crm.notifications, inline: "transferred to you", "assigned to you", the recycling warning and the
/// recycling itself, keyed by the causing event's id; notification.read marks one read. A message
/// carries the record's name as it was then, from the projection's own crm.notification_names (fed by
/// the customer and contact events in feed order), never from another projection's table: rebuilt
/// alone, it writes the same messages it wrote inline.
/// </summary>
public sealed class NotificationsProjection : EventProjection
{
    public override string Name => "crm.notifications";

    public override IReadOnlyList<string> Tables { get; } = ["crm.notifications", "crm.notification_names", ApprovalNotices.Tables];

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(CustomerTransferred), typeof(CustomerAssigned), typeof(CustomerRecyclingWarned), typeof(CustomerRecycled),
        typeof(ContactTransferred), typeof(NotificationRead),
        typeof(CustomerCreated), typeof(CustomerEdited), typeof(ContactCreated), typeof(ContactEdited), typeof(ContactPersonalDataErased),
        .. ApprovalNotices.EventTypes,
    ];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        if (ApprovalNotices.Project(e, batch)) return;
        var cmd = e.Data switch
        {
            CustomerCreated x => Named(x.CustomerId, x.Fields.Name),
            CustomerEdited x => NewName(x.Changes) is { } name ? Named(x.CustomerId, name) : null,
            ContactCreated x => Named(x.ContactId, x.Fields.Name),
            ContactEdited x => NewName(x.Changes) is { } name ? Named(x.ContactId, name) : null,
            CustomerTransferred x => Insert(e, x.OwnerId, "customer_transferred", "customer", x.CustomerId, "Customer %name% was transferred to you.", null),
            CustomerAssigned x => Insert(e, x.OwnerId, "customer_assigned", "customer", x.CustomerId,
                "Customer %name% was assigned to you from the public pool.", null),
            CustomerRecyclingWarned x => Insert(e, x.OwnerId, "customer_recycling_warning", "customer", x.CustomerId,
                "Customer %name% goes back to the public pool on " + x.RecycleAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                + " UTC unless you follow up.", x.RecycleAt),
            CustomerRecycled x => Insert(e, x.PreviousOwnerId, "customer_recycled", "customer", x.CustomerId,
                "Customer %name% went back to the public pool (" + x.RuleName + ": " + x.Reason + ").", null),
            ContactTransferred { WithCustomer: false } x => Insert(e, x.OwnerId, "contact_transferred", "contact", x.ContactId, ContactTransferredText, null),
            NotificationRead x => Read(x),
            _ => null,
        };
        if (cmd is not null) batch.BatchCommands.Add(cmd);
        if (e.Data is ContactPersonalDataErased erased) Erase(erased.ContactId, batch);
    }

    private const string ContactTransferredText = "Contact %name% was transferred to you.";

    /// <summary>
    /// A contact's name is personal data: its erasure masks the name kept here and rewrites the contact's messages as a rebuild from the
    /// masked events writes them (every name the contact had then is the marker now).
    /// </summary>
    private static void Erase(Guid contactId, NpgsqlBatch batch)
    {
        batch.BatchCommands.Add(Named(contactId, Crm.Events.PersonalData.Erased));
        var cmd = new NpgsqlBatchCommand(
            "update crm.notifications set message = replace(@message, '%name%', @name) where record_id = @record and kind = 'contact_transferred'");
        cmd.Parameters.Add(new NpgsqlParameter<string>("message", ContactTransferredText));
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", Crm.Events.PersonalData.Erased));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("record", contactId));
        batch.BatchCommands.Add(cmd);
    }

    private static string? NewName(IReadOnlyList<FieldChange> changes) => changes.LastOrDefault(c => c.Field == "name")?.New;

    private static NpgsqlBatchCommand Named(Guid recordId, string name)
    {
        var cmd = new NpgsqlBatchCommand(
            "insert into crm.notification_names (record_id, name) values (@record, @name) on conflict (record_id) do update set name = excluded.name");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("record", recordId));
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        return cmd;
    }

    private static NpgsqlBatchCommand Insert(StoredEvent e, Guid user, string kind, string recordType, Guid recordId, string message, DateTimeOffset? dueAt)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.notifications (id, user_id, kind, record_type, record_id, message, due_at, actor_id, created_at)
            values (@id, @user, @kind, @type, @record,
                    replace(@message, '%name%', coalesce((select name from crm.notification_names where record_id = @record), @record::text)),
                    @due, @actor, @at)
            on conflict (id) do nothing
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", e.EventId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", user));
        cmd.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
        cmd.Parameters.Add(new NpgsqlParameter<string>("type", recordType));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("record", recordId));
        cmd.Parameters.Add(new NpgsqlParameter<string>("message", message));
        cmd.Parameters.Add(new NpgsqlParameter("due", NpgsqlDbType.TimestampTz) { Value = dueAt is { } d ? d.UtcDateTime : DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("actor", NpgsqlDbType.Uuid) { Value = (object?)e.Metadata.ActorId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", e.Timestamp));
        return cmd;
    }

    private static NpgsqlBatchCommand Read(NotificationRead x)
    {
        var cmd = new NpgsqlBatchCommand("update crm.notifications set read_at = coalesce(read_at, @at) where id = @id and user_id = @user");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", x.NotificationId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", x.UserId));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", x.At));
        return cmd;
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.notifications, crm.notification_names, " + ApprovalNotices.Tables);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
