using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Approvals;
using Crm.Write.Payments;
using static Crm.Write.Tests.Decisions;
using static Crm.Write.Tests.Payments.PaymentSpecification;

namespace Crm.Write.Tests.Payments;

public sealed class changing_a_payment
{
    private static readonly Guid Submission = Guid.CreateVersion7();

    [Fact]
    public void a_draft_or_rejected_payment_is_edited_field_by_field_and_an_empty_text_clears()
    {
        var edited = Single<PaymentEdited>(Payment.Decide(new EditPayment(Id, Contract(), new PaymentInput(Amount: 250m, PlanId: PlanId.ToString())),
            Given(Recorded()), As(Owner)));
        Assert.Equal(Fields with { Amount = new Money(250.00m, "CNY"), PlanId = PlanId }, edited.Fields);
        Assert.Equal(Fields, edited.Previous);
        var cleared = Single<PaymentEdited>(Payment.Decide(new EditPayment(Id, Contract(), new PaymentInput(Method: "")),
            Given(Recorded(), new PaymentSubmitted(Id, Submission, At), new PaymentRejected(Id, Submission, "Wrong date", At)), As(Owner)));
        Assert.Null(cleared.Fields.Method);
        ThenNothing(Payment.Decide(new EditPayment(Id, Contract(), new PaymentInput(Amount: 300m)), Given(Recorded()), As(Owner)));
        ThenRefused(Payment.Decide(new EditPayment(Id, Contract(), new PaymentInput(Amount: 300.001m)), Given(Recorded()), As(Owner)), ErrorKind.Validation,
            "amount_invalid", "amount");
    }

    [Fact]
    public void a_pending_or_approved_payment_is_locked_and_a_missing_one_is_not_found()
    {
        var pending = Given(Recorded(), new PaymentSubmitted(Id, Submission, At));
        var approved = Given(Recorded(), new PaymentSubmitted(Id, Submission, At),
            new PaymentApproved(Id, ContractId, CustomerId, Submission, 2, Fields.Amount, Fields.ReceivedOn, At));
        foreach (var state in new[] { pending, approved })
        {
            ThenRefused(Payment.Decide(new EditPayment(Id, Contract(), new PaymentInput(Amount: 1m)), state, As(Owner)), ErrorKind.Conflict, "payment_locked");
            ThenRefused(Payment.Decide(new DeletePayment(Id), state, As(Owner)), ErrorKind.Conflict, "payment_locked");
        }
        ThenEvents(Payment.Decide(new DeletePayment(Id), Given(Recorded(), new PaymentSubmitted(Id, Submission, At), new PaymentWithdrawn(Id, Submission, At)),
            As(Owner)), new PaymentDeleted(Id));
        ThenRefused(Payment.Decide(new DeletePayment(Id), Given(Recorded(), new PaymentDeleted(Id)), As(Owner)), ErrorKind.NotFound, "payment_not_found");
        ThenRefused(Payment.Decide(new EditPayment(Id, Contract(), new PaymentInput()), PaymentState.None, As(Owner)), ErrorKind.NotFound, "payment_not_found");
    }

    [Fact]
    public void the_approval_binds_to_the_approved_fields_and_its_events_carry_the_contract_and_the_money()
    {
        var draft = Given(Recorded());
        var record = Payment.Record(draft, 1);
        Assert.Equal(["amount", "contractId", "customerId", "method", "planId", "receivedOn", "remark"], record.ApprovedFields.Keys.Order());
        Assert.Equal(("payment", "300.00 CNY", "2026-02-27"), (record.Kind, record.ApprovedFields["amount"], record.ApprovedFields["receivedOn"]));
        Assert.Null(Payment.CanSubmit(record));
        Assert.NotEqual(record.ContentHash, Payment.Record(Given(Recorded(), new PaymentEdited(Id, Fields with { Remark = "x" }, Fields)), 2).ContentHash);

        var submitted = (PaymentSubmitted)Payment.Submitted(record, Submission, At);
        var pending = Payment.Record(Given(Recorded(), submitted), 2);
        Assert.Equal("payment_locked", Payment.CanSubmit(pending)!.Code);
        var approvedEvent = (PaymentApproved)Payment.Approved(pending, Submission, 2, At);
        Assert.Equal(new PaymentApproved(Id, ContractId, CustomerId, Submission, 2, new Money(300.00m, "CNY"), new DateOnly(2026, 2, 27), At), approvedEvent);
        Assert.Equal(ApprovalStatus.Approved, Given(Recorded(), submitted, approvedEvent).Status);
        Assert.Equal("payment_locked", Payment.CanSubmit(Payment.Record(Given(Recorded(), submitted, approvedEvent), 3))!.Code);
        var rejected = (PaymentRejected)Payment.Rejected(pending, Submission, "Wrong amount", At);
        Assert.Null(Payment.CanSubmit(Payment.Record(Given(Recorded(), submitted, rejected), 3)));
        Assert.Equal(ApprovalStatus.Draft, Given(Recorded(), submitted, Payment.Withdrawn(pending, Submission, At)).Status);
        Assert.Empty(ApprovalContent.Diff(record.ApprovedFields, Payment.Record(Given(Recorded(), submitted), 2).ApprovedFields));
    }
}
