using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Invoices;

/// <summary>crm.invoices, inline: a client reads its own writes, and the invoiceable check sums committed rows.</summary>
public sealed class InvoicesProjection() : TableProjection<InvoiceRow>("crm.invoices", InvoiceSql.Binder)
{
    public override string Name => "crm.invoices";

    // Every invoice event: each moves the row's version (the ETag).
    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(InvoiceRequested).Namespace && e.Type.Name.StartsWith("Invoice", StringComparison.Ordinal))
        .Select(e => e.Type).ToArray();

    protected override InvoiceRow? Evolve(InvoiceRow? current, Guid key, StoredEvent e) => InvoiceRow.Evolve(current, e);
}
