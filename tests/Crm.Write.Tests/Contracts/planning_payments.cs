using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Contracts;
using static Crm.Write.Tests.Decisions;
using static Crm.Write.Tests.Contracts.ContractSpecification;

namespace Crm.Write.Tests.Contracts;

public sealed class planning_payments
{
    private static readonly Guid First = Guid.CreateVersion7();

    [Fact]
    public void an_instalment_is_added_in_the_contracts_currency_even_while_the_contract_is_approved()
    {
        var added = Single<PaymentPlanAdded>(Contract.Decide(new AddPaymentPlan(Id, First, Plan()), Approved(), As(Owner)));
        Assert.Equal(new PaymentPlanEntry(First, 1, new Money(400.00m, "CNY"), new DateOnly(2026, 5, 1), "transfer", 7, null), added.Plan);
    }

    [Fact]
    public void bad_instalments_are_refused_naming_each_value()
    {
        ThenInvalid(Contract.Decide(new AddPaymentPlan(Id, First, Plan(0, 0.001m, "2026-5-1", -1)), Draft(), As(Owner)),
            ("instalment", "instalment_invalid"), ("amount", "amount_out_of_range"), ("plannedOn", "date_invalid"), ("remindDaysBefore", "remind_days_out_of_range"));
        ThenInvalid(Contract.Decide(new AddPaymentPlan(Id, First, Plan(amount: -5m, plannedOn: null)), Draft(), As(Owner)),
            ("amount", "amount_out_of_range"), ("plannedOn", "plannedOn_required"));
    }

    [Fact]
    public void the_plans_never_add_up_to_more_than_the_amount_and_an_instalment_number_is_used_once()
    {
        var planned = Given(Created(), new PaymentPlanAdded(Id, Entry(First, 1, 600m)));
        var second = Guid.CreateVersion7();
        var over = ThenRefused(Contract.Decide(new AddPaymentPlan(Id, second, Plan(2, 400.01m)), planned, As(Owner)), ErrorKind.Conflict,
            "plans_exceed_amount", "amount");
        Assert.Equal(second, over.Extensions["planId"]);
        ThenRefused(Contract.Decide(new AddPaymentPlan(Id, second, Plan(1, 10m)), planned, As(Owner)), ErrorKind.Conflict, "instalment_taken", "instalment");
        ThenRefused(Contract.Decide(new AddPaymentPlan(Id, First, Plan(2, 10m)), planned, As(Owner)), ErrorKind.Conflict, "plan_exists", "id");
        Single<PaymentPlanAdded>(Contract.Decide(new AddPaymentPlan(Id, second, Plan(2, 400m)), planned, As(Owner)));

        // A change counts the changed instalment once, not twice.
        var changed = Single<PaymentPlanChanged>(Contract.Decide(new ChangePaymentPlan(Id, First, new PlanInput(null, 1000m, null, null, null, null)), planned,
            As(Owner)));
        Assert.Equal((1000.00m, 1, "transfer"), (changed.Plan.Amount.Amount, changed.Plan.Instalment, changed.Plan.Method));
        ThenNothing(Contract.Decide(new ChangePaymentPlan(Id, First, new PlanInput(1, 600m, "2026-05-01", null, null, null)), planned, As(Owner)));
    }

    [Fact]
    public void a_contract_has_a_bounded_number_of_instalments()
    {
        var full = Contract.Decider.Fold(Draft(), Enumerable.Range(1, Contract.MaxPlans)
            .Select(i => (object)new PaymentPlanAdded(Id, Entry(Guid.CreateVersion7(), i, 1m))));
        ThenRefused(Contract.Decide(new AddPaymentPlan(Id, Guid.CreateVersion7(), Plan(999, 1m)), full, As(Owner)), ErrorKind.Conflict, "plans_too_many");
    }

    [Fact]
    public void a_missing_instalment_is_not_found_and_a_voided_contracts_plan_stays_as_it_is()
    {
        var planned = Given(Created(), new PaymentPlanAdded(Id, Entry(First, 1, 600m)));
        ThenRefused(Contract.Decide(new RemovePaymentPlan(Id, Guid.CreateVersion7()), planned, As(Owner)), ErrorKind.NotFound, "plan_not_found");
        ThenEvents(Contract.Decide(new RemovePaymentPlan(Id, First), planned, As(Owner)), new PaymentPlanRemoved(Id, Entry(First, 1, 600m)));
        var voided = Contract.Decider.Fold(planned, [new ContractVoided(Id, "gone", ApprovalStatus.Draft, At)]);
        ThenRefused(Contract.Decide(new RemovePaymentPlan(Id, First), voided, As(Owner)), ErrorKind.Conflict, "contract_voided");
        ThenRefused(Contract.Decide(new AddPaymentPlan(Id, Guid.CreateVersion7(), Plan(2, 1m)), voided, As(Owner)), ErrorKind.Conflict, "contract_voided");
    }
}
