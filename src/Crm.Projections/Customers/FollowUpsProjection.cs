using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Customers;

/// <summary>
/// crm.follow_ups, inline: one row per follow-up of a lead, customer, contact or opportunity, keyed by the
/// follow-up id with "on conflict do nothing", so a replay is harmless. A contact's follow-up is
/// filed under its customer too (CUS-2: everything about a customer shows among its follow-ups); the
/// projection records each contact's customer in its own crm.follow_up_contacts, never reading another
/// projection's table, so a rebuild (where projections replay independently) files them the same way.
/// </summary>
public sealed class FollowUpsProjection : EventProjection
{
    public override string Name => "crm.follow_ups";

    public override IReadOnlyList<string> Tables { get; } = ["crm.follow_ups", "crm.follow_up_contacts"];

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(LeadFollowedUp), typeof(CustomerFollowedUp), typeof(ContactFollowedUp), typeof(ContactCreated), typeof(OpportunityFollowedUp),
         typeof(ContactCustomerChanged), typeof(CustomerMergedFrom)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        if (MergeMoves.Of(e.Data) is { } moves)
        {
            foreach (var move in moves) batch.BatchCommands.Add(move);
            return;
        }
        if (e.Data is ContactCreated created)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "insert into crm.follow_up_contacts (contact_id, customer_id) values (@contact, @customer) on conflict do nothing")
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid>("contact", created.ContactId),
                    new NpgsqlParameter<Guid>("customer", created.CustomerId),
                },
            });
            return;
        }
        var (type, record, id, kind, content, next, customer) = e.Data switch
        {
            LeadFollowedUp x => ("lead", x.LeadId, x.FollowUpId, x.Kind, x.Content, x.NextContactAt, "null"),
            CustomerFollowedUp x => ("customer", x.CustomerId, x.FollowUpId, x.Kind, x.Content, x.NextContactAt, "@record"),
            ContactFollowedUp x => ("contact", x.ContactId, x.FollowUpId, x.Kind, x.Content, x.NextContactAt,
                "(select customer_id from crm.follow_up_contacts where contact_id = @record)"),
            // An opportunity's follow-up is filed under its customer too: the event names the customer.
            OpportunityFollowedUp x => ("opportunity", x.OpportunityId, x.FollowUpId, x.Kind, x.Content, x.NextContactAt, "@customer"),
            _ => ("", Guid.Empty, Guid.Empty, "", "", (DateTimeOffset?)null, ""),
        };
        if (type.Length == 0) return;
        var cmd = new NpgsqlBatchCommand(
            $"""
            insert into crm.follow_ups (id, record_type, record_id, customer_id, kind, content, next_contact_at, created_at, created_by)
            values (@id, @type, @record, {customer}, @kind, @content, @next, @at, @by)
            on conflict (id) do nothing
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        cmd.Parameters.Add(new NpgsqlParameter<string>("type", type));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("record", record));
        cmd.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
        cmd.Parameters.Add(new NpgsqlParameter<string>("content", content));
        cmd.Parameters.Add(new NpgsqlParameter("next", NpgsqlDbType.TimestampTz) { Value = (object?)next ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", e.Timestamp));
        if (e.Data is OpportunityFollowedUp filed) cmd.Parameters.Add(new NpgsqlParameter<Guid>("customer", filed.CustomerId));
        cmd.Parameters.Add(new NpgsqlParameter("by", NpgsqlDbType.Uuid) { Value = (object?)e.Metadata.ActorId ?? DBNull.Value });
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.follow_ups, crm.follow_up_contacts");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
