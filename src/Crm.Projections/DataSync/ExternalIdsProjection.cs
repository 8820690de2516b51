using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Events.Products;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.DataSync;

/// <summary>
/// crm.external_ids, inline: one row per linked (kind, system, external id). The upsert by external id reads it inside its own
/// append (under the pair's lock), so it must be current; its primary key refuses a second record for a pair.
/// </summary>
public sealed class ExternalIdsProjection : EventProjection
{
    public override string Name => "crm.external_ids";

    public override IReadOnlyList<string> Tables { get; } = ["crm.external_ids"];

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(CustomerExternalIdLinked), typeof(LeadExternalIdLinked), typeof(ContactExternalIdLinked), typeof(ProductExternalIdLinked)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        (string Kind, Guid Id, string System, string ExternalId)? link = e.Data switch
        {
            CustomerExternalIdLinked x => (ExternalIdKinds.Customer, x.CustomerId, x.System, x.ExternalId),
            LeadExternalIdLinked x => (ExternalIdKinds.Lead, x.LeadId, x.System, x.ExternalId),
            ContactExternalIdLinked x => (ExternalIdKinds.Contact, x.ContactId, x.System, x.ExternalId),
            ProductExternalIdLinked x => (ExternalIdKinds.Product, x.ProductId, x.System, x.ExternalId),
            _ => null,
        };
        if (link is not { } l) return;
        var cmd = new NpgsqlBatchCommand(
            "insert into crm.external_ids (kind, system, external_id, record_id, linked_version, linked_at) " +
            "values (@kind, @system, @external, @record, @version, @at)");
        cmd.Parameters.Add(new NpgsqlParameter<string>("kind", l.Kind));
        cmd.Parameters.Add(new NpgsqlParameter<string>("system", l.System));
        cmd.Parameters.Add(new NpgsqlParameter<string>("external", l.ExternalId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("record", l.Id));
        cmd.Parameters.Add(new NpgsqlParameter<long>("version", e.Version));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", e.Timestamp));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.external_ids");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>The kinds of record an external id may name, as crm.external_ids spells them.</summary>
public static class ExternalIdKinds
{
    public const string Lead = "lead";
    public const string Customer = "customer";
    public const string Contact = "contact";
    public const string Product = "product";
}
