using Crm.EventStore;
using Crm.Projections.Customers;
using Crm.Write.Access;
using Crm.Write.Customers;

namespace Crm.Write.Pool;

/// <summary>The caller claims a customer from the public pool (领取, CUS-6).</summary>
public sealed record ClaimFromPool(Guid CustomerId);

/// <summary>The caller assigns a pool customer to <paramref name="UserId"/> (分配, CUS-6).</summary>
public sealed record AssignFromPool(Guid CustomerId, Guid? UserId);

/// <summary>
/// The pool commands (CUS-6, CUS-7), each the same way: gather the facts (the pool rules, the
/// claimant's owned count, the receiver), apply the caller's reach to the customer as its stream has
/// it, decide, append. The claim limit holds under parallel claims because each claim's append locks
/// its claimant inside its own transaction and counts again there (<see cref="AppendGuard"/>).
/// </summary>
public sealed class PoolHandler(
    CommandHandler handler, PoolRulesReader rules, ClaimantCounts counts, CustomerDeals deals, Receivers receivers, TimeProvider clock)
{
    // A pool customer is reached by whoever may claim (or assign) it; an owned one only through its owner or team,
    // and then the decider answers customer_not_in_pool. Anything else is 404 customer_not_found.
    private static readonly PoolReach Claimable = new("pool.claim", ReadOnly: false);
    private static readonly PoolReach Assignable = new("pool.assign", ReadOnly: false);

    public async Task<CommandOutcome> ClaimAsync(ClaimFromPool command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var (config, _) = await rules.CurrentAsync(ct);
        var claimant = caller.ActorId;
        var guard = config.ClaimLimit is { } limit ? ClaimLimitGuard(claimant, limit) : null;
        return await handler.HandleAsync(Customer.Decider, command.CustomerId, async (state, _, t) =>
        {
            if (Unreached(command.CustomerId, state, caller, Claimable) is { } refusal) return refusal;
            var owned = config.ClaimLimit is null ? 0 : await counts.OwnedAsync(claimant, t);
            var claim = new ClaimCustomer(command.CustomerId, owned, config.ClaimLimit, config.ClaimCooldownDays);
            return Customer.Decide(claim, state, CommandContexts.For(clock, request));
        }, request, guard, ct);
    }

    /// <summary>The receiver rule for an assignment (user_required 400, user_unusable / user_out_of_scope 422 naming userId).</summary>
    public Task<DomainError?> CheckAssigneeAsync(Guid? userId, Caller caller, CancellationToken ct) =>
        receivers.CheckAsync(userId, "userId", caller.VisibleOwners("pool.assign"), ct);

    public async Task<CommandOutcome> AssignAsync(AssignFromPool command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        // A user who cannot receive anything is named first; whether they are in the caller's scope only once the customer is reached.
        if (await receivers.CheckAsync(command.UserId, "userId", OwnerScope.All, ct) is { } unusable)
            return CommandOutcome.Refused(command.CustomerId, unusable);
        var userId = command.UserId!.Value;
        return await handler.HandleAsync(Customer.Decider, command.CustomerId, async (state, _, t) =>
        {
            if (Unreached(command.CustomerId, state, caller, Assignable) is { } refusal) return refusal;
            if (state.InPool && await CheckAssigneeAsync(userId, caller, t) is { } badReceiver) return badReceiver;
            return Customer.Decide(new AssignCustomer(command.CustomerId, userId), state, CommandContexts.For(clock, request));
        }, request, ct);
    }

    /// <summary>Replaces the pool configuration (CUS-7); the permission is the endpoint's.</summary>
    public Task<CommandOutcome> ChangeRulesAsync(ChangePoolRules command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(PoolRules.Decider, PoolRules.StreamId,
            (state, _, _) => ValueTask.FromResult(PoolRules.Decide(command, state, CommandContexts.For(clock, request))), request, ct);

    /// <summary>
    /// The recycling job's command (CUS-7): a system action, so no caller's reach applies. The customer's last
    /// deal is read for the decision and again inside the append's transaction once every deal in flight has committed
    /// (<see cref="CustomerDeals.LastDealAtSettledAsync"/>): a win committed in between rolls the recycling back, and it
    /// decides again with the deal.
    /// </summary>
    public async Task<CommandOutcome> RecycleAsync(ApplyRecyclingRule command, CommandRequest request, CancellationToken ct)
    {
        DateTimeOffset? lastDeal = null;
        var guard = new AppendGuard([], async (connection, tx, t) => await deals.LastDealAtSettledAsync(command.CustomerId, connection, tx, t) == lastDeal);
        return await handler.HandleAsync(Customer.Decider, command.CustomerId, async (state, _, t) =>
        {
            lastDeal = await deals.LastDealAtAsync(command.CustomerId, t);
            return Customer.Decide(command with { LastDealAt = lastDeal }, state, CommandContexts.For(clock, request));
        }, request, guard, ct);
    }

    /// <summary>
    /// Locks the claimant inside the claim's append transaction and counts their customers there: a claim
    /// that committed meanwhile and reached the limit rolls this one back, and it decides again (now refused).
    /// </summary>
    private AppendGuard ClaimLimitGuard(Guid claimant, int limit) =>
        new([$"pool-claimant:{claimant:N}"], async (connection, tx, t) => await counts.OwnedAsync(claimant, connection, tx, t) < limit);

    private static DomainError? Unreached(Guid id, CustomerState state, Caller caller, PoolReach pool) => RecordAccess.Reach(caller,
        state.Exists ? new RecordOnFile(CustomerReach.Kind, id, true, state.OwnerId, pool) { Team = state.Team } : RecordOnFile.Missing(CustomerReach.Kind, id),
        "customer.detail", TeamNeed.Read);
}
