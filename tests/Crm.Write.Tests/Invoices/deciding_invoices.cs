using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Invoices;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Invoices;

public sealed class deciding_invoices
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Owner = Guid.CreateVersion7();
    private static readonly ContractForInvoice Approved = new(Guid.CreateVersion7(), Guid.CreateVersion7(), Owner, ApprovalStatus.Approved,
        new Money(1000m, "CNY"));
    private static readonly InvoiceFields Fields = new("Widget Co.", "91330100MA2AXXXX1K", InvoiceTypes.VatOrdinary);
    private static readonly InvoiceInput Input = new(600m, null, " Widget Co. ", "91330100ma2axxxx1k", "vat_ordinary");

    private static InvoiceRequested Requested(decimal amount = 600m) =>
        new(Id, Approved.Id, Approved.CustomerId, new Money(amount, "CNY"), Fields, Owner, Owner, Now);

    private static InvoiceState Given(params object[] events) => Invoice.Decider.Fold(InvoiceState.None, events);

    [Fact]
    public void a_request_within_the_invoiceable_amount_is_a_draft_in_the_contracts_currency_owned_by_its_owner() =>
        ThenEvents(Invoice.Decide(new RequestInvoice(Id, Approved, Input, 400m, Owner), InvoiceState.None, As(Owner)), Requested());

    [Fact]
    public void a_request_over_the_invoiceable_amount_or_against_an_unapproved_contract_is_refused()
    {
        var over = ThenRefused(Invoice.Decide(new RequestInvoice(Id, Approved, Input, 400.01m, Owner), InvoiceState.None, As(Owner)),
            ErrorKind.Conflict, "invoice_exceeds_invoiceable", "amount");
        Assert.Equal(599.99m, over.Extensions["invoiceable"]);
        ThenRefused(Invoice.Decide(new RequestInvoice(Id, Approved with { Status = ApprovalStatus.Pending }, Input, 0m, Owner), InvoiceState.None,
            As(Owner)), ErrorKind.Conflict, "contract_not_approved", "contractId");
        ThenRefused(Invoice.Decide(new RequestInvoice(Id, Approved, Input, 0m, Owner), Given(Requested()), As(Owner)), ErrorKind.Conflict,
            "invoice_exists", "id");
    }

    [Fact]
    public void every_bad_field_is_named_at_once()
    {
        var bad = new InvoiceInput(-1m, null, "", "12345", "receipt", new string('x', 501));
        ThenInvalid(Invoice.Decide(new RequestInvoice(Id, Approved, bad, 0m, Owner), InvoiceState.None, As(Owner)),
            ("amount", "amount_out_of_range"), ("title", "title_required"), ("taxNumber", "tax_number_invalid"), ("type", "type_invalid"),
            ("remark", "remark_too_long"));
        ThenRefused(Invoice.Decide(new RequestInvoice(Id, Approved, Input with { Currency = "USD" }, 0m, Owner), InvoiceState.None, As(Owner)),
            ErrorKind.Unprocessable, "currency_mismatch", "currency");
    }

    [Fact]
    public void an_edit_changes_only_what_was_sent_and_a_raise_must_fit()
    {
        var state = Given(Requested());
        ThenEvents(Invoice.Decide(new EditInvoice(Id, new InvoiceInput(Remark: "Half"), 1000m, 0m, ApprovalStatus.Approved), state, As(Owner)),
            new InvoiceEdited(Id, new Money(600m, "CNY"), Fields with { Remark = "Half" }, new Money(600m, "CNY"), Fields));
        ThenNothing(Invoice.Decide(new EditInvoice(Id, new InvoiceInput(Title: "Widget Co."), 1000m, 0m, ApprovalStatus.Approved), state, As(Owner)));
        ThenRefused(Invoice.Decide(new EditInvoice(Id, new InvoiceInput(700m), 1000m, 400m, ApprovalStatus.Approved), state, As(Owner)), ErrorKind.Conflict,
            "invoice_exceeds_invoiceable", "amount");
        // Lowering is never refused, even when the contract shrank below the others' invoices.
        Assert.Null(Invoice.Decide(new EditInvoice(Id, new InvoiceInput(100m), 0m, 400m, ApprovalStatus.Approved), state, As(Owner)).Error);
    }

    [Fact]
    public void pending_approved_and_issued_invoices_are_locked_and_only_an_approved_one_is_issued()
    {
        var submission = Guid.CreateVersion7();
        var pending = Given(Requested(), new InvoiceSubmitted(Id, submission, Now));
        ThenRefused(Invoice.Decide(new EditInvoice(Id, new InvoiceInput(1m), 1000m, 0m, ApprovalStatus.Approved), pending, As(Owner)), ErrorKind.Conflict, "invoice_locked");
        ThenRefused(Invoice.Decide(new DeleteInvoice(Id), pending, As(Owner)), ErrorKind.Conflict, "invoice_locked");
        ThenRefused(Invoice.Decide(new IssueInvoice(Id, "1", "2026-03-01", ApprovalStatus.Approved), pending, As(Owner)), ErrorKind.Conflict, "invoice_not_approved");
        Assert.Equal("invoice_locked", Invoice.CanSubmit(pending)!.Code);

        var approved = Invoice.Decider.Evolve(pending, Invoice.Approved(pending, submission, 3, Now));
        ThenEvents(Invoice.Decide(new IssueInvoice(Id, " 0440 ", "2026-02-28", ApprovalStatus.Approved), approved, As(Owner)), new InvoiceIssued(Id, "0440", new DateOnly(2026, 2, 28), Now));
        ThenInvalid(Invoice.Decide(new IssueInvoice(Id, null, "2026-03-02", ApprovalStatus.Approved), approved, As(Owner)),
            ("invoiceNumber", "invoice_number_required"), ("issuedOn", "issued_on_invalid"));
        var issued = Invoice.Decider.Evolve(approved, new InvoiceIssued(Id, "0440", new DateOnly(2026, 2, 28), Now));
        ThenRefused(Invoice.Decide(new IssueInvoice(Id, "1", "2026-03-01", ApprovalStatus.Approved), issued, As(Owner)), ErrorKind.Conflict, "invoice_issued");

        var rejected = Invoice.Decider.Evolve(pending, Invoice.Rejected(Id, submission, "No", Now));
        Assert.Null(Invoice.CanSubmit(rejected));
        ThenEvents(Invoice.Decide(new DeleteInvoice(Id), rejected, As(Owner)), new InvoiceDeleted(Id));
        Assert.Equal(InvoiceStatus.Draft, Invoice.Decider.Evolve(pending, Invoice.Withdrawn(Id, submission, Now)).Status);
        ThenRefused(Invoice.Decide(new DeleteInvoice(Id), InvoiceState.None, As(Owner)), ErrorKind.NotFound, "invoice_not_found");
    }

    [Fact]
    public void once_its_contract_is_voided_an_invoice_is_neither_edited_nor_issued_but_a_draft_may_still_be_deleted()
    {
        var draft = Given(Requested());
        ThenRefused(Invoice.Decide(new EditInvoice(Id, new InvoiceInput(Remark: "Late"), 1000m, 0m, ApprovalStatus.Voided), draft, As(Owner)),
            ErrorKind.Conflict, "contract_voided", "contractId");
        ThenEvents(Invoice.Decide(new DeleteInvoice(Id), draft, As(Owner)), new InvoiceDeleted(Id));

        var submission = Guid.CreateVersion7();
        var pending = Invoice.Decider.Evolve(draft, new InvoiceSubmitted(Id, submission, Now));
        var approved = Invoice.Decider.Evolve(pending, Invoice.Approved(pending, submission, 3, Now));
        ThenRefused(Invoice.Decide(new IssueInvoice(Id, "0440", "2026-02-28", ApprovalStatus.Voided), approved, As(Owner)),
            ErrorKind.Conflict, "contract_voided", "contractId");
    }
}
