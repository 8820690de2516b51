using Crm.Events;

namespace Crm.Write.Invoices;

// Commands carry what the rules need from outside the stream, looked up by the handler: the contract as its stream has it and
// the amount already invoiced on it (read again under the contract's lock in the append's transaction).

/// <summary>The contract an invoice is requested against, as its stream has it.</summary>
/// <param name="Status"><see cref="ApprovalStatus"/>' text.</param>
public sealed record ContractForInvoice(Guid Id, Guid CustomerId, Guid OwnerId, string Status, Money Amount);

/// <param name="Invoiced">The amounts of the contract's other invoices that count (not rejected, not deleted).</param>
public sealed record RequestInvoice(Guid InvoiceId, ContractForInvoice Contract, InvoiceInput Input, decimal Invoiced, Guid RequestedBy);

/// <param name="ContractAmount">The contract's amount now.</param>
/// <param name="Invoiced">The amounts of the contract's other invoices that count.</param>
/// <param name="ContractStatus">The contract's status now (<see cref="ApprovalStatus"/>' text): a voided contract's invoices change no more.</param>
public sealed record EditInvoice(Guid InvoiceId, InvoiceInput Input, decimal ContractAmount, decimal Invoiced, string ContractStatus);

/// <param name="ContractStatus">The contract's status now: an invoice approved before its contract was voided is not issued.</param>
public sealed record IssueInvoice(Guid InvoiceId, string? InvoiceNumber, string? IssuedOn, string ContractStatus);

public sealed record DeleteInvoice(Guid InvoiceId);
