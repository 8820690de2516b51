using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Org;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Invoices;

/// <summary>An invoice's operation log, read straight from its stream: the events are the audit trail.</summary>
public static class InvoiceHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            InvoiceRequested x => ("requested", [new Change("contractId", null, x.ContractId.ToString()), new Change("amount", null, x.Amount.ToString()),
                .. Fields(null, x.Fields)]),
            InvoiceEdited x => ("edited", [.. Amount(x.PreviousAmount, x.Amount), .. Fields(x.Previous, x.Fields)]),
            InvoiceSubmitted x => ("submitted", [new Change("status", null, "pending"), new Change("submissionId", null, x.SubmissionId.ToString())]),
            InvoiceApproved x => ("approved", [new Change("status", "pending", "approved"), new Change("approvedVersion", null, x.ApprovedVersion.ToString())]),
            InvoiceRejected x => ("rejected", [new Change("status", "pending", "rejected"), new Change("reason", null, x.Reason)]),
            InvoiceWithdrawn => ("withdrawn", [new Change("status", "pending", "draft")]),
            InvoiceIssued x => ("issued", [new Change("status", "approved", "issued"), new Change("invoiceNumber", null, x.InvoiceNumber),
                new Change("issuedOn", null, x.IssuedOn.ToString("yyyy-MM-dd"))]),
            InvoiceDeleted => ("deleted", Array.Empty<Change>()),
            _ => (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }

    private static IEnumerable<Change> Amount(Money before, Money after) =>
        before == after ? [] : [new Change("amount", before.ToString(), after.ToString())];

    private static IEnumerable<Change> Fields(InvoiceFields? before, InvoiceFields after) => new[]
    {
        new Change("title", before?.Title, after.Title), new Change("taxNumber", before?.TaxNumber, after.TaxNumber),
        new Change("type", before?.Type, after.Type), new Change("remark", before?.Remark, after.Remark),
    }.Where(c => c.Old != c.New);
}
