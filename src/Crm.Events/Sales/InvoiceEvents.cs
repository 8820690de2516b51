namespace Crm.Events.Sales;

// Invoices (发票, SAL-7): requested against an approved contract, one stream each, approved through the approval engine
// (SAL-4, record kind "invoice") and then marked issued with the number and date on the paper. The invoiced amount of a
// contract is the sum of its invoices that are not rejected (deleted ones are gone): it never exceeds the contract amount.

/// <summary>An invoice was requested against a contract, as a draft. <paramref name="OwnerId"/> is the contract's owner then.</summary>
public sealed record InvoiceRequested(
    Guid InvoiceId, Guid ContractId, Guid CustomerId, Money Amount, InvoiceFields Fields, Guid OwnerId, Guid RequestedBy, DateTimeOffset At);

/// <summary>The amount or fields changed (only while draft or rejected); the previous values beside the new ones.</summary>
public sealed record InvoiceEdited(Guid InvoiceId, Money Amount, InvoiceFields Fields, Money PreviousAmount, InvoiceFields Previous);

/// <summary>The invoice was submitted for approval (submission <paramref name="SubmissionId"/>): it is locked (pending).</summary>
public sealed record InvoiceSubmitted(Guid InvoiceId, Guid SubmissionId, DateTimeOffset At);

/// <summary>The submission was approved at <paramref name="ApprovedVersion"/>: the invoice may be issued.</summary>
public sealed record InvoiceApproved(Guid InvoiceId, Guid ContractId, Guid SubmissionId, long ApprovedVersion, Money Amount, DateTimeOffset At);

/// <summary>The submission was rejected, for a reason: the invoice no longer counts against the contract, and may be edited and resubmitted.</summary>
public sealed record InvoiceRejected(Guid InvoiceId, Guid SubmissionId, string Reason, DateTimeOffset At);

/// <summary>The submitter withdrew the submission: the invoice is a draft again.</summary>
public sealed record InvoiceWithdrawn(Guid InvoiceId, Guid SubmissionId, DateTimeOffset At);

/// <summary>The approved invoice was issued: the number and date printed on it. Final.</summary>
public sealed record InvoiceIssued(Guid InvoiceId, string InvoiceNumber, DateOnly IssuedOn, DateTimeOffset At);

/// <summary>A draft or rejected invoice was deleted; its history stays readable to auditors.</summary>
public sealed record InvoiceDeleted(Guid InvoiceId);
