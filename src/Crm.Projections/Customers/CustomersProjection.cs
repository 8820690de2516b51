using Crm.Events;
using Crm.Events.Customers;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Customers;

/// <summary>crm.customers, inline: a client reads its own writes, and claim limits count committed owners.</summary>
public sealed class CustomersProjection() : TableProjection<CustomerRow>("crm.customers", CustomerSql.Binder)
{
    public override string Name => "crm.customers";

    // Every customer event, team ones included: each moves the row's version (the ETag).
    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(CustomerCreated).Namespace).Select(e => e.Type).Concat(Attachments.AttachmentEventTypes.All).ToArray();

    protected override CustomerRow? Evolve(CustomerRow? current, Guid key, StoredEvent e) => CustomerRow.Evolve(current, e);
}
