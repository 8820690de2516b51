using Crm.EventStore;
using Crm.Projections.Contacts;
using Crm.Projections.Contracts;
using Crm.Projections.Opportunities;
using Crm.Write.Access;
using Crm.Write.Customers;
using Crm.Write.Opportunities;
using Npgsql;

namespace Crm.Write.Contracts;

/// <summary>A new contract as the caller asks for it; the handler finds the customer, the number, the opportunity, the signatory, the products.</summary>
/// <param name="ContractId">Client-chosen id, or null for a fresh one.</param>
/// <param name="Number">Client-chosen number, or null for the next one of the pattern.</param>
/// <param name="OwnerId">Null: the caller.</param>
public sealed record AddContract(
    Guid? ContractId, string? Number, Guid CustomerId, Guid? OpportunityId, ContractInput Fields, IReadOnlyList<SentLine> Lines, string? Currency,
    decimal? Amount, Guid? OwnerId);

/// <summary>New lines for a contract, as sent.</summary>
public sealed record PutContractLines(Guid ContractId, IReadOnlyList<SentLine> Lines);

/// <summary>
/// The contract commands (SAL-3, SAL-5), each the same way: gather the facts (customer, number, opportunity, signatory, products,
/// receiver), apply the caller's reach to the contract as its stream has it, decide, append. The products of new lines are read again
/// FOR SHARE inside the append's transaction, as an opportunity's (<see cref="NewOpportunityFacts.StillHold"/>).
/// </summary>
public sealed partial class ContractHandler(
    CommandHandler handler, EventStore.EventStore store, CustomerReach customers, ContractNumbers numbers, ContractNumberPattern pattern,
    NewOpportunityFacts products, OpportunityQueries opportunities, ContactQueries contacts, Receivers receivers, TimeProvider clock,
    CustomerCascadeGuard cascadeGuard)
{
    public async Task<CommandOutcome> AddAsync(AddContract command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.ContractId ?? Guid.CreateVersion7();
        var owner = command.OwnerId ?? caller.ActorId;
        if (owner != caller.ActorId && await receivers.CheckAsync(owner, "ownerId", caller.VisibleOwners("contract.create"), ct) is { } badOwner)
            return CommandOutcome.Refused(id, badOwner);
        var opportunity = command.OpportunityId is { } oid ? new LinkedRecord(oid, (await opportunities.GetAsync(oid, ct))?.CustomerId) : null;
        var signatory = await SignatoryAsync(command.Fields.SignatoryContactId, ct);
        var lines = command.Lines.Select(l => l.WithId()).ToList();
        var named = NewOpportunityFacts.Of(lines);

        return await handler.HandleManyAsync(id, async t =>
        {
            var loaded = await store.AggregateStreamAsync(id, Contract.Decider.Initial, (s, e) => Contract.Decider.Evolve(s, e.Data), ct: t);
            if (loaded is { Version: > 0 }) return MultiStreamPlan.Refuse(TakenIds.Refusal());
            // The customer is read in the plan and checked at its version in the append: one moved to the pool or out of the caller's
            // reach meanwhile makes the command plan again. A hidden one answers exactly like a missing one (404 customer_not_found).
            var (customer, hidden) = await customers.CheckAsync(command.CustomerId, caller, "customer.detail", TeamNeed.Read, t);
            if (hidden is not null || customer is null) return MultiStreamPlan.Refuse(hidden ?? RecordAccess.NotFound(CustomerReach.Kind, command.CustomerId));
            if (customer.InPool)
                return MultiStreamPlan.Refuse(DomainError.Conflict("customer_in_pool", "The customer is in the public pool: claim it first.", "customerId"));
            if (await cascadeGuard.RefusalIfMergedAsync(command.CustomerId, t) is { } merged) return MultiStreamPlan.Refuse(merged);
            await products.ReadAsync(named, t);
            var (number, taken) = await NumberAsync(command.Number, t);
            var decision = Contract.Decide(new CreateContract(id, number, taken, command.CustomerId, command.Fields, lines, command.Currency,
                command.Amount, owner, named.OnFile(), opportunity, signatory), Contract.Decider.Initial, Context(request));
            return new MultiStreamPlan(decision.Error is { } error ? error : new MultiStreamDecision([new(id, Contract.StreamType, decision.Events)], null)
                { Checks = [StreamAppend.Check(command.CustomerId, Customer.StreamType, ExpectedVersion.Exactly(customer.Version))] },
                new Dictionary<Guid, long>(), 0);
        }, request, ct,
            refusal: e => e is ConcurrencyException c && c.StreamId == id && c.Expected == ExpectedVersion.NoStream ? TakenIds.Refusal() : null,
            // Two creates with one number: the loser plans again, and finds it taken (a client's number: 409) or takes the next one.
            lostRace: e => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "contracts_number" }
                ? DomainError.Conflict("contract_number_taken", "Another contract took this number meanwhile; try again.", "number") : null,
            guard: products.StillHold(named, () => null).And(cascadeGuard.ForNewRecord(command.CustomerId)));
    }

    public async Task<CommandOutcome> EditAsync(EditContract command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var signatory = await SignatoryAsync(command.Fields.SignatoryContactId, ct);
        return await Checked(command.ContractId, "contract.edit", TeamNeed.ReadWrite, caller, request,
            (s, _) => Decided(Contract.Decide(command with { Signatory = signatory }, s, Context(request))), ct);
    }

    public Task<CommandOutcome> PutLinesAsync(PutContractLines command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var lines = command.Lines.Select(l => l.WithId()).ToList();
        var named = NewOpportunityFacts.Of(lines);
        return Checked(command.ContractId, "contract.edit", TeamNeed.ReadWrite, caller, request, async (s, t) =>
        {
            await products.ReadAsync(named, t);
            return Contract.Decide(new ChangeContractLines(command.ContractId, lines, named.OnFile()), s, Context(request));
        }, ct, products.StillHold(named, () => null));
    }

    public Task<CommandOutcome> DeleteAsync(Guid id, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(id, "contract.delete", TeamNeed.None, caller, request, (s, _) => Decided(Contract.Decide(new DeleteContract(id), s, Context(request))), ct);

    /// <summary>Voiding is an edit of the contract's life (contract.edit, read-write team members too).</summary>
    public Task<CommandOutcome> VoidAsync(VoidContract command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.ContractId, "contract.edit", TeamNeed.ReadWrite, caller, request, (s, _) => Decided(Contract.Decide(command, s, Context(request))), ct);

    public Task<CommandOutcome> AddTeamMemberAsync(AddContractTeamMember command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.ContractId, "contract.edit", TeamNeed.None, caller, request, async (s, t) =>
            await receivers.CheckAsync(command.UserId, "userId", OwnerScope.All, t) ?? Contract.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> ChangeTeamMemberAsync(ChangeContractTeamMember command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.ContractId, "contract.edit", TeamNeed.None, caller, request, (s, _) => Decided(Contract.Decide(command, s, Context(request))), ct);

    public Task<CommandOutcome> RemoveTeamMemberAsync(RemoveContractTeamMember command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.ContractId, "contract.edit", TeamNeed.None, caller, request, (s, _) => Decided(Contract.Decide(command, s, Context(request))), ct);

    /// <summary>The client's number, or the next free one of the pattern (a number a client chose meanwhile is skipped).</summary>
    private async Task<(string Number, bool Taken)> NumberAsync(string? chosen, CancellationToken ct)
    {
        if (chosen is not null) return (chosen.Trim(), await numbers.IsTakenAsync(chosen.Trim(), ct));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        for (var i = 0; ; i++)
        {
            var number = pattern.Format(today, await numbers.NextAsync(today.Year, ct));
            if (i >= 20 || !await numbers.IsTakenAsync(number, ct)) return (number, false);
        }
    }

    /// <summary>The signatory named, as found: a text that is no id is left to the decider's validation (400 naming the field).</summary>
    private async Task<LinkedRecord?> SignatoryAsync(string? text, CancellationToken ct) =>
        Guid.TryParse(text?.Trim(), out var id) && id != Guid.Empty ? new LinkedRecord(id, (await contacts.GetAsync(id, ct))?.CustomerId) : null;

    /// <summary>The caller's reach on the stream's state first, then If-Match, then the facts and the decider.</summary>
    private Task<CommandOutcome> Checked(Guid id, string permission, TeamNeed team, Caller caller, CommandRequest request,
        Func<ContractState, CancellationToken, ValueTask<Decision>> decide, CancellationToken ct, AppendGuard? guard = null) =>
        handler.HandleReachedAsync(Contract.Decider, id,
            (state, _) => ValueTask.FromResult(ContractReach.Check(id, state, caller, permission, team)), decide, request, guard, ct);

    private static ValueTask<Decision> Decided(Decision decision) => ValueTask.FromResult(decision);

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}
