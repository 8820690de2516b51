using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Payments;
using static Crm.Write.Tests.Decisions;
using static Crm.Write.Tests.Payments.PaymentSpecification;

namespace Crm.Write.Tests.Payments;

public sealed class recording_a_payment
{
    [Fact]
    public void a_payment_on_an_approved_contract_is_recorded_as_a_draft_in_the_contracts_currency_with_the_contracts_owner()
    {
        ThenEvents(Payment.Decide(new RecordPayment(Id, Contract(), Input()), PaymentState.None, As(Owner)), Recorded());
        var onPlan = Single<PaymentRecorded>(Payment.Decide(new RecordPayment(Id, Contract(), Input(planId: PlanId.ToString(), currency: "cny")),
            PaymentState.None, As(Owner)));
        Assert.Equal((PlanId, "CNY", ApprovalStatus.Draft), (onPlan.Fields.PlanId, onPlan.Fields.Amount.Currency, Given(onPlan).Status));
        // Received today is fine; the whole contract amount too.
        Assert.Equal(1000m, Single<PaymentRecorded>(Payment.Decide(new RecordPayment(Id, Contract(), Input(1000m, "2026-03-01")), PaymentState.None,
            As(Owner))).Fields.Amount.Amount);
    }

    [Fact]
    public void money_is_received_on_approved_contracts_only()
    {
        foreach (var status in new[] { ApprovalStatus.Draft, ApprovalStatus.Pending, ApprovalStatus.Rejected })
        {
            ThenRefused(Payment.Decide(new RecordPayment(Id, Contract(status), Input()), PaymentState.None, As(Owner)), ErrorKind.Conflict,
                "contract_not_approved", "contractId");
        }
        ThenRefused(Payment.Decide(new RecordPayment(Id, Contract(ApprovalStatus.Voided), Input()), PaymentState.None, As(Owner)), ErrorKind.Conflict,
            "contract_voided", "contractId");
        ThenRefused(Payment.Decide(new RecordPayment(Id, Contract(), Input()), Given(Recorded()), As(Owner)), ErrorKind.Conflict, "payment_exists", "id");
    }

    [Fact]
    public void bad_amounts_dates_and_text_are_refused_naming_every_field()
    {
        ThenInvalid(Payment.Decide(new RecordPayment(Id, Contract(), new PaymentInput()), PaymentState.None, As(Owner)),
            ("amount", "amount_required"), ("receivedOn", "received_on_required"));
        ThenInvalid(Payment.Decide(new RecordPayment(Id, Contract(), Input(10.005m, "2026-3-1", "not-a-uuid")), PaymentState.None, As(Owner)),
            ("amount", "amount_invalid"), ("receivedOn", "received_on_invalid"), ("planId", "plan_id_invalid"));
        ThenInvalid(Payment.Decide(new RecordPayment(Id, Contract(), Input(-5m, "2026-03-02")), PaymentState.None, As(Owner)),
            ("amount", "amount_invalid"), ("receivedOn", "received_on_in_future"));
        ThenInvalid(Payment.Decide(new RecordPayment(Id, Contract(), Input(0m) with { Method = new string('m', 51), Remark = new string('r', 2001) }),
            PaymentState.None, As(Owner)), ("amount", "amount_invalid"), ("method", "method_too_long"), ("remark", "remark_too_long"));
    }

    [Fact]
    public void an_amount_over_the_contract_another_currency_or_another_contracts_plan_is_unprocessable()
    {
        ThenRefused(Payment.Decide(new RecordPayment(Id, Contract(), Input(1000.01m)), PaymentState.None, As(Owner)), ErrorKind.Unprocessable,
            "amount_over_contract", "amount");
        ThenRefused(Payment.Decide(new RecordPayment(Id, Contract(), Input(currency: "USD")), PaymentState.None, As(Owner)), ErrorKind.Unprocessable,
            "currency_mismatch", "currency");
        ThenRefused(Payment.Decide(new RecordPayment(Id, Contract(), Input(planId: Guid.CreateVersion7().ToString())), PaymentState.None, As(Owner)),
            ErrorKind.Unprocessable, "plan_unknown", "planId");
        // Malformed input and a misfit together: the malformed part is what the client fixes first (400), every field still named.
        var both = ThenRefused(Payment.Decide(new RecordPayment(Id, Contract(), Input(1.001m, currency: "USD")), PaymentState.None, As(Owner)),
            ErrorKind.Validation, "amount_invalid", "amount");
        Assert.Equal(["amount", "currency"], both.Errors.Select(e => e.Field).Order());
    }
}
