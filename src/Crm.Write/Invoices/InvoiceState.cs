using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Invoices;

/// <summary>What the invoice decider needs to know of one invoice, folded from its stream.</summary>
/// <param name="Status"><see cref="InvoiceStatus"/>' text: the approval states, then issued.</param>
public sealed record InvoiceState(
    bool Exists,
    Guid Id,
    Guid ContractId,
    Guid CustomerId,
    Money Amount,
    InvoiceFields Fields,
    Guid OwnerId,
    Guid RequestedBy,
    string Status,
    Guid? SubmissionId,
    long? ApprovedVersion,
    string? InvoiceNumber,
    DateOnly? IssuedOn)
{
    public static InvoiceState None { get; } = new(false, Guid.Empty, Guid.Empty, Guid.Empty, Money.Zero("CNY"), new InvoiceFields("", "", InvoiceTypes.Other),
        Guid.Empty, Guid.Empty, InvoiceStatus.Draft, null, null, null, null);

    /// <summary>Only drafts and rejected invoices may be edited, submitted or deleted.</summary>
    public bool IsOpen => Status is InvoiceStatus.Draft or InvoiceStatus.Rejected;

    public static InvoiceState Evolve(InvoiceState state, object @event) => @event switch
    {
        InvoiceRequested e => None with
        {
            Exists = true, Id = e.InvoiceId, ContractId = e.ContractId, CustomerId = e.CustomerId, Amount = e.Amount, Fields = e.Fields,
            OwnerId = e.OwnerId, RequestedBy = e.RequestedBy,
        },
        InvoiceEdited e => state with { Amount = e.Amount, Fields = e.Fields },
        InvoiceSubmitted e => state with { Status = InvoiceStatus.Pending, SubmissionId = e.SubmissionId },
        InvoiceApproved e => state with { Status = InvoiceStatus.Approved, ApprovedVersion = e.ApprovedVersion },
        InvoiceRejected => state with { Status = InvoiceStatus.Rejected },
        InvoiceWithdrawn => state with { Status = InvoiceStatus.Draft },
        InvoiceIssued e => state with { Status = InvoiceStatus.Issued, InvoiceNumber = e.InvoiceNumber, IssuedOn = e.IssuedOn },
        InvoiceDeleted => state with { Exists = false },
        _ => state,
    };
}

/// <summary>Where an invoice stands: the approval states (<see cref="ApprovalStatus"/>' words), then issued.</summary>
public static class InvoiceStatus
{
    public const string Draft = ApprovalStatus.Draft;
    public const string Pending = ApprovalStatus.Pending;
    public const string Approved = ApprovalStatus.Approved;
    public const string Rejected = ApprovalStatus.Rejected;

    /// <summary>Approved and issued (开票): final.</summary>
    public const string Issued = "issued";

    public static IReadOnlyList<string> All { get; } = [Draft, Pending, Approved, Rejected, Issued];
}
