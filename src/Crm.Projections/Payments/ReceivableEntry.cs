using System.Collections.Immutable;
using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Projections.Payments;

/// <summary>One instalment of a contract's payment plan as the receivables see it.</summary>
public sealed record ReceivablePlan(Guid PlanId, int Instalment, decimal Amount, DateOnly PlannedOn, string? Method, int? RemindDaysBefore)
{
    public static ReceivablePlan From(PaymentPlanEntry p) => new(p.PlanId, p.Instalment, p.Amount.Amount, p.PlannedOn, p.Method, p.RemindDaysBefore);

    /// <summary>The day the owner is reminded, or null (never).</summary>
    public DateOnly? RemindOn => RemindDaysBefore is { } days ? PlannedOn.AddDays(-days) : null;
}

/// <summary>An instalment with what approved payments leave of it, paid oldest first.</summary>
/// <param name="DueThrough">The plan's amounts up to and including this instalment, in payment order.</param>
/// <param name="Outstanding">What approved payments have not covered of it (0 when paid).</param>
public sealed record CoveredPlan(ReceivablePlan Plan, decimal DueThrough, decimal Outstanding);

/// <summary>
/// A contract's receivable (应收), folded from its contract's events and its approved payments: the contract amount less the approved
/// payments. Approved payments cover the plan's instalments oldest first (planned date, then instalment number), whichever instalment a
/// payment names: a payment for instalment 2 made while instalment 1 is unpaid settles the older debt first, as receivables are aged.
/// </summary>
public sealed record ReceivableEntry(
    Guid ContractId, string Number, Guid CustomerId, Guid OwnerId, string Status, Money Amount, decimal Approved, int Payments,
    DateOnly? LastReceivedOn, DateTimeOffset? ApprovedAt, ImmutableList<ReceivablePlan> Plans, DateTimeOffset UpdatedAt)
{
    public decimal Receivable => Amount.Amount - Approved;

    /// <summary>The instalments in payment order, each with what is left of it.</summary>
    public IReadOnlyList<CoveredPlan> Covered()
    {
        var through = 0m;
        var list = new List<CoveredPlan>(Plans.Count);
        foreach (var plan in Plans.OrderBy(p => p.PlannedOn).ThenBy(p => p.Instalment).ThenBy(p => p.PlanId))
        {
            through += plan.Amount;
            list.Add(new CoveredPlan(plan, through, Math.Clamp(through - Approved, 0m, plan.Amount)));
        }
        return list;
    }

    /// <summary>The oldest instalment not fully covered: the next money due (overdue when its date has passed).</summary>
    public CoveredPlan? NextDue => Covered().FirstOrDefault(c => c.Outstanding > 0);

    public static Guid? ContractOf(object e) => e switch
    {
        ContractCreated x => x.ContractId,
        ContractLinesChanged x => x.ContractId,
        ContractAmountSet x => x.ContractId,
        ContractSubmitted x => x.ContractId,
        ContractApproved x => x.ContractId,
        ContractRejected x => x.ContractId,
        ContractWithdrawn x => x.ContractId,
        ContractVoided x => x.ContractId,
        ContractTransferred x => x.ContractId,
        ContractDeleted x => x.ContractId,
        PaymentPlanAdded x => x.ContractId,
        PaymentPlanChanged x => x.ContractId,
        PaymentPlanRemoved x => x.ContractId,
        PaymentApproved x => x.ContractId,
        _ => null,
    };

    /// <summary>The entry after one event; null once the contract is voided or deleted (it owes nothing any more).</summary>
    public static ReceivableEntry? Evolve(ReceivableEntry? entry, object e, DateTimeOffset at)
    {
        if (e is ContractCreated c)
            return new ReceivableEntry(c.ContractId, c.Number, c.CustomerId, c.OwnerId, ApprovalStatus.Draft, c.Amount, 0m, 0, null, null, [], at);
        if (entry is null || e is ContractVoided or ContractDeleted) return null;
        var next = e switch
        {
            ContractLinesChanged x => entry with { Amount = x.Amount },
            ContractAmountSet x => entry with { Amount = x.Amount },
            ContractSubmitted => entry with { Status = ApprovalStatus.Pending },
            ContractApproved x => entry with { Status = ApprovalStatus.Approved, Amount = x.Amount, ApprovedAt = x.At },
            ContractRejected => entry with { Status = ApprovalStatus.Rejected },
            ContractWithdrawn => entry with { Status = ApprovalStatus.Draft },
            ContractTransferred x => entry with { OwnerId = x.OwnerId },
            PaymentPlanAdded x => entry with { Plans = entry.Plans.Add(ReceivablePlan.From(x.Plan)) },
            PaymentPlanChanged x => entry with { Plans = entry.Plans.RemoveAll(p => p.PlanId == x.Plan.PlanId).Add(ReceivablePlan.From(x.Plan)) },
            PaymentPlanRemoved x => entry with { Plans = entry.Plans.RemoveAll(p => p.PlanId == x.Previous.PlanId) },
            PaymentApproved x => entry with
            {
                Approved = entry.Approved + x.Amount.Amount, Payments = entry.Payments + 1,
                LastReceivedOn = entry.LastReceivedOn is { } last && last > x.ReceivedOn ? last : x.ReceivedOn,
            },
            _ => entry,
        };
        return next with { UpdatedAt = at };
    }
}
