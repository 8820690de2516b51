using System.Globalization;
using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Invoices;

/// <summary>
/// The invoice decider (SAL-7): one invoice per stream, requested against an approved contract. This file: request, edit,
/// issue, delete; the approval events (called by the approval engine through <see cref="InvoiceApprovalSubject"/>) live in
/// Invoice.Approval.cs. The amounts of a contract's invoices that count (all but rejected ones) never exceed its amount.
/// </summary>
public static partial class Invoice
{
    public const string StreamType = "invoice";
    public const int MaxNumberLength = 50;

    public static Decider<InvoiceState> Decider { get; } = new(StreamType, InvoiceState.None, InvoiceState.Evolve);

    public static Decision Decide(RequestInvoice command, InvoiceState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("invoice_exists", $"Invoice {command.InvoiceId} already exists.", "id");
        var contract = command.Contract;
        if (ContractRefusal(contract.Status) is { } refused) return refused;
        var (amount, fields, invalid) = command.Input.Validate(contract.Amount.Currency);
        if (invalid is not null) return invalid;
        if (Exceeds(amount!.Amount, contract.Amount.Amount, command.Invoiced) is { } over) return over;
        return Decision.Accept(new InvoiceRequested(command.InvoiceId, contract.Id, contract.CustomerId, amount, fields!, contract.OwnerId,
            command.RequestedBy, context.Now));
    }

    public static Decision Decide(EditInvoice command, InvoiceState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.InvoiceId);
        if (!state.IsOpen) return Locked(state);
        if (ContractRefusal(command.ContractStatus) is { } refused) return refused;
        var (amount, fields, invalid) = command.Input.Over(state.Amount, state.Fields).Validate(state.Amount.Currency);
        if (invalid is not null) return invalid;
        if (amount == state.Amount && fields == state.Fields) return Decision.Nothing;
        if (amount!.Amount > state.Amount.Amount && Exceeds(amount.Amount, command.ContractAmount, command.Invoiced) is { } over) return over;
        return Decision.Accept(new InvoiceEdited(state.Id, amount, fields!, state.Amount, state.Fields));
    }

    public static Decision Decide(IssueInvoice command, InvoiceState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.InvoiceId);
        if (state.Status == InvoiceStatus.Issued)
            return DomainError.Conflict("invoice_issued", $"The invoice was issued already, as {state.InvoiceNumber} on {state.IssuedOn:yyyy-MM-dd}.");
        if (state.Status != InvoiceStatus.Approved)
            return DomainError.Conflict("invoice_not_approved", $"The invoice is {state.Status}: only an approved invoice is issued.");
        if (ContractRefusal(command.ContractStatus) is { } refused) return refused;
        var checks = new FieldChecks();
        var number = checks.Text("invoiceNumber", command.InvoiceNumber, MaxNumberLength);
        if (number is null) checks.Fail("invoiceNumber", "invoice_number_required", "invoiceNumber is the number printed on the invoice.");
        var (issuedOn, badDate) = InvoiceInput.IssuedOn(command.IssuedOn, DateOnly.FromDateTime(context.Now.UtcDateTime));
        if (badDate is not null) checks.Fail("issuedOn", badDate.Code, badDate.Message);
        if (DomainError.Invalid(checks.Errors) is { } invalid) return invalid;
        return Decision.Accept(new InvoiceIssued(state.Id, number!, issuedOn!.Value, context.Now));
    }

    public static Decision Decide(DeleteInvoice command, InvoiceState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.InvoiceId);
        return state.IsOpen ? Decision.Accept(new InvoiceDeleted(state.Id)) : Locked(state);
    }

    /// <summary>
    /// Only an approved contract is invoiced, and its invoices change or are issued only while it stays approved: 409
    /// contract_not_approved naming contractId (contract_voided for a voided one).
    /// </summary>
    public static DomainError? ContractRefusal(string status) => status switch
    {
        ApprovalStatus.Approved => null,
        ApprovalStatus.Voided => DomainError.Conflict("contract_voided", "The contract is voided: it is invoiced no more.", "contractId"),
        _ => DomainError.Conflict("contract_not_approved", $"The contract is {status}: only an approved contract is invoiced.", "contractId"),
    };

    /// <summary>The refusal when <paramref name="amount"/> does not fit in what is left of the contract; null when it does.</summary>
    public static DomainError? Exceeds(decimal amount, decimal contractAmount, decimal invoiced)
    {
        var invoiceable = Math.Max(0m, contractAmount - invoiced);
        if (amount <= invoiceable) return null;
        var message = string.Format(CultureInfo.InvariantCulture, "amount is more than the invoiceable {0:0.00} (contract {1:0.00}, invoiced {2:0.00}).",
            invoiceable, contractAmount, invoiced);
        return DomainError.Conflict("invoice_exceeds_invoiceable", message, "amount") with
        {
            Extensions = new Dictionary<string, object> { ["invoiceable"] = invoiceable },
        };
    }

    public static DomainError NotFound(Guid id) => Access.RecordAccess.NotFound(InvoiceReach.Kind, id);

    public static DomainError Locked(InvoiceState state) =>
        DomainError.Conflict("invoice_locked", $"The invoice is {state.Status}: only a draft or rejected invoice may change.");
}
