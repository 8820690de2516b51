using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;

namespace Crm.Projections.Invoices;

/// <summary>An invoice as lists and the detail view show it; one row of crm.invoices.</summary>
public sealed record InvoiceRow(
    Guid Id,
    Guid ContractId,
    Guid CustomerId,
    Money Amount,
    InvoiceFields Fields,
    string Status,
    Guid OwnerId,
    Guid RequestedBy,
    Guid? SubmissionId,
    string? InvoiceNumber,
    DateOnly? IssuedOn,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The one fold of the invoice read model, shared by the projection and time travel.</summary>
    public static InvoiceRow? Evolve(InvoiceRow? row, StoredEvent e)
    {
        if (e.Data is InvoiceRequested r)
            return new InvoiceRow(r.InvoiceId, r.ContractId, r.CustomerId, r.Amount, r.Fields, ApprovalStatus.Draft, r.OwnerId, r.RequestedBy, null, null, null,
                e.Version, e.Timestamp, e.Timestamp);
        if (row is null || e.Data is InvoiceDeleted) return null;
        var next = e.Data switch
        {
            InvoiceEdited x => row with { Amount = x.Amount, Fields = x.Fields },
            InvoiceSubmitted x => row with { Status = ApprovalStatus.Pending, SubmissionId = x.SubmissionId },
            InvoiceApproved => row with { Status = ApprovalStatus.Approved },
            InvoiceRejected => row with { Status = ApprovalStatus.Rejected },
            InvoiceWithdrawn => row with { Status = ApprovalStatus.Draft },
            InvoiceIssued x => row with { Status = "issued", InvoiceNumber = x.InvoiceNumber, IssuedOn = x.IssuedOn },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }
}
