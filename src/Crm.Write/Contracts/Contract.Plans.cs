using System.Globalization;
using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Opportunities;

namespace Crm.Write.Contracts;

// The payment plan (SAL-5), in the contract's stream: instalments with a number unique in the contract, an amount in the contract's
// currency, a planned date and an optional reminder. Plans are not approved fields: they change while the contract is pending or
// approved, never once it is voided. The plans' sum never exceeds the contract's amount (409 plans_exceed_amount).
public static partial class Contract
{
    public const int MaxPlans = 120;
    public const int MaxRemindDays = 365;

    public static Decision Decide(AddPaymentPlan command, ContractState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContractId);
        if (state.Plans.Any(p => p.PlanId == command.PlanId))
            return DomainError.Conflict("plan_exists", $"Plan {command.PlanId} already exists.", "id");
        if (state.Status == ApprovalStatus.Voided) return Voided();
        var (plan, invalid) = Validate(command.PlanId, command.Plan, null, state.Currency);
        if (invalid is not null) return invalid;
        if (state.Plans.Count >= MaxPlans) return DomainError.Conflict("plans_too_many", $"A contract has at most {MaxPlans} instalments.");
        if (Refusal(state, plan!) is { } refused) return refused;
        return Decision.Accept(new PaymentPlanAdded(state.Id, plan!));
    }

    public static Decision Decide(ChangePaymentPlan command, ContractState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContractId);
        if (state.Plans.FirstOrDefault(p => p.PlanId == command.PlanId) is not { } previous) return PlanNotFound(command.PlanId);
        if (state.Status == ApprovalStatus.Voided) return Voided();
        var (plan, invalid) = Validate(command.PlanId, command.Plan, previous, state.Currency);
        if (invalid is not null) return invalid;
        if (plan == previous) return Decision.Nothing;
        if (Refusal(state, plan!) is { } refused) return refused;
        return Decision.Accept(new PaymentPlanChanged(state.Id, plan!, previous));
    }

    public static Decision Decide(RemovePaymentPlan command, ContractState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContractId);
        if (state.Plans.FirstOrDefault(p => p.PlanId == command.PlanId) is not { } previous) return PlanNotFound(command.PlanId);
        if (state.Status == ApprovalStatus.Voided) return Voided();
        return Decision.Accept(new PaymentPlanRemoved(state.Id, previous));
    }

    /// <summary>The instalment as sent over <paramref name="previous"/> (a change), validated; the refusal names every field at fault.</summary>
    private static (PaymentPlanEntry? Plan, DomainError? Error) Validate(Guid planId, PlanInput input, PaymentPlanEntry? previous, string currency)
    {
        var checks = new FieldChecks();
        var instalment = input.Instalment ?? previous?.Instalment;
        if (instalment is not (>= 1 and <= 999)) checks.Fail("instalment", "instalment_invalid", "instalment is a number from 1 to 999.");
        var amount = input.Amount ?? previous?.Amount.Amount;
        if (amount is not { } a || a <= 0 || a > OpportunityLines.MaxAmount || decimal.Round(a, 2) != a)
            checks.Fail("amount", "amount_out_of_range", $"amount is more than 0, at most {OpportunityLines.MaxAmount}, with at most 2 decimal places.");
        DateOnly? plannedOn = previous?.PlannedOn;
        if (input.PlannedOn is { } text)
        {
            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) plannedOn = date;
            else { plannedOn = null; checks.Fail("plannedOn", "date_invalid", "plannedOn is a date: yyyy-MM-dd."); }
        }
        else if (plannedOn is null) checks.Fail("plannedOn", "plannedOn_required", "plannedOn is required.");
        var method = input.Method is null ? previous?.Method : checks.Text("method", input.Method, 50);
        var remark = input.Remark is null ? previous?.Remark : checks.Text("remark", input.Remark, 500);
        var remind = input.RemindDaysBefore ?? previous?.RemindDaysBefore;
        if (remind is < 0 or > MaxRemindDays)
            checks.Fail("remindDaysBefore", "remind_days_out_of_range", $"remindDaysBefore is 0 to {MaxRemindDays} days.");
        if (DomainError.Invalid(checks.Errors) is { } invalid) return (null, invalid);
        return (new PaymentPlanEntry(planId, instalment!.Value, new Money(OpportunityLines.Cents(amount!.Value), currency), plannedOn!.Value, method,
            remind, remark), null);
    }

    /// <summary>The rules across the plan: a unique instalment number, and the sum within the contract's amount.</summary>
    private static DomainError? Refusal(ContractState state, PaymentPlanEntry plan)
    {
        var others = state.Plans.Where(p => p.PlanId != plan.PlanId).ToList();
        if (others.Any(p => p.Instalment == plan.Instalment))
            return DomainError.Conflict("instalment_taken", $"The contract has an instalment {plan.Instalment} already.", "instalment");
        var sum = others.Sum(p => p.Amount.Amount) + plan.Amount.Amount;
        return sum > state.Amount.Amount ? PlansExceed(plan.PlanId, "amount", sum, state.Amount) : null;
    }

    /// <summary>A new contract amount below what the plans already add up to.</summary>
    private static DomainError? PlannedMoreThan(ContractState state, Money amount)
    {
        var planned = state.Plans.Sum(p => p.Amount.Amount);
        return planned > amount.Amount ? PlansExceed(null, "amount", planned, amount) : null;
    }

    private static DomainError PlansExceed(Guid? planId, string field, decimal planned, Money amount)
    {
        var error = DomainError.Conflict("plans_exceed_amount", string.Create(CultureInfo.InvariantCulture,
            $"The payment plans would add up to {planned:0.00} {amount.Currency}, more than the contract's amount {amount.Amount:0.00}."), field);
        return planId is { } id ? error with { Extensions = new Dictionary<string, object> { ["planId"] = id } } : error;
    }

    private static DomainError PlanNotFound(Guid id) => DomainError.NotFound("plan_not_found", $"Payment plan {id} does not exist.");
}
