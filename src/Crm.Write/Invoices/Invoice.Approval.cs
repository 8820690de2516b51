using Crm.Events.Sales;

namespace Crm.Write.Invoices;

// The invoice's own events for its approval, called by the approval engine through InvoiceApprovalSubject; the engine appends
// them in the submission's transaction, at the version it read, so each applies to the state the engine checked.
public static partial class Invoice
{
    /// <summary>Why the invoice cannot be submitted now (409 invoice_locked), or null.</summary>
    public static DomainError? CanSubmit(InvoiceState state) => state.IsOpen ? null : Locked(state);

    public static InvoiceSubmitted Submitted(Guid invoiceId, Guid submissionId, DateTimeOffset at) => new(invoiceId, submissionId, at);

    public static InvoiceApproved Approved(InvoiceState state, Guid submissionId, long approvedVersion, DateTimeOffset at) =>
        new(state.Id, state.ContractId, submissionId, approvedVersion, state.Amount, at);

    public static InvoiceRejected Rejected(Guid invoiceId, Guid submissionId, string reason, DateTimeOffset at) => new(invoiceId, submissionId, reason, at);

    public static InvoiceWithdrawn Withdrawn(Guid invoiceId, Guid submissionId, DateTimeOffset at) => new(invoiceId, submissionId, at);
}
