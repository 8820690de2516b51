using Crm.Events.Customers;

namespace Crm.Write.Customers;

// The public pool (公海, CUS-6) and recycling into it (CUS-7).
public static partial class Customer
{
    public static Decision Decide(PutCustomerInPool command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        if (state.OwnerId is not { } owner) return Decision.Nothing;
        // A lock is the owner's promise to keep the customer: unlock first, so the pool never gets a locked customer.
        if (state.Locked) return DomainError.Conflict("customer_locked", "A locked customer cannot be put into the public pool: unlock it first.");
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (reason is { Length: > 500 }) return DomainError.Invalid("reason", "reason_too_long", "reason has at most 500 characters.");
        return Decision.Accept(new CustomerPutInPool(state.Id, owner, reason, context.Now));
    }

    public static Decision Decide(ClaimCustomer command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        if (context.ActorId is not { } claimant) return DomainError.Unprocessable("actor", "claimant_unknown", "Only a signed-in user can claim a customer.");
        if (!state.InPool) return DomainError.Conflict("customer_not_in_pool", "The customer is not in the public pool (someone may have claimed it first).");
        if (command.ClaimLimit is { } limit && command.ClaimantOwnedCount >= limit)
            return DomainError.Conflict("claim_limit_reached", $"You already own {command.ClaimantOwnedCount} customers; the limit is {limit}.");
        if (state.LostBy.TryGetValue(claimant, out var lostAt) && lostAt.AddDays(command.CooldownDays) > context.Now)
            return DomainError.Conflict("claim_cooldown",
                $"You lost this customer on {lostAt:yyyy-MM-dd}; you can claim it back from {lostAt.AddDays(command.CooldownDays):yyyy-MM-dd HH:mm} UTC.");
        return Decision.Accept([.. LeaveTeamOnOwning(state, claimant), new CustomerClaimed(state.Id, claimant, context.Now)]);
    }

    public static Decision Decide(AssignCustomer command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        if (!state.InPool) return DomainError.Conflict("customer_not_in_pool", "Only customers in the public pool are assigned; transfer owned ones.");
        return Decision.Accept([.. LeaveTeamOnOwning(state, command.UserId), new CustomerAssigned(state.Id, command.UserId, context.ActorId, context.Now)]);
    }

    /// <summary>Nothing, a warning (once per cycle) or the recycling, as the rule's verdict says.</summary>
    public static Decision Decide(ApplyRecyclingRule command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        var facts = new RecyclingFacts(state.OwnerId, state.Locked, state.Fields.Level, state.LastFollowUpAt, command.LastDealAt, state.OwnedSince);
        var rule = command.Rule;
        return rule.Evaluate(facts, context.Now) switch
        {
            RecyclingVerdict.Warn warn when state.LastWarning == new RecyclingWarning(rule.Id, warn.RecycleAt) => Decision.Nothing,
            RecyclingVerdict.Warn warn => Decision.Accept(new CustomerRecyclingWarned(state.Id, state.OwnerId!.Value, rule.Id, warn.RecycleAt)),
            RecyclingVerdict.Recycle recycle => Decision.Accept(new CustomerRecycled(state.Id, state.OwnerId!.Value, rule.Id, rule.Name,
                rule.DaysWithoutFollowUp, rule.DaysWithoutDeal, recycle.Reason, context.Now)),
            _ => Decision.Nothing,
        };
    }
}
