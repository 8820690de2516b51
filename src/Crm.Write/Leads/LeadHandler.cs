using Crm.EventStore;
using Crm.Projections.Customers;
using Crm.Projections.Leads;
using Crm.Write.Access;
using Crm.Write.Customers;
using Crm.Write.Opportunities;

namespace Crm.Write.Leads;

/// <summary>
/// The lead commands (LEAD-1…7), each the same way: gather the facts the decision needs (duplicates,
/// the receiver), apply the caller's reach to the lead as its stream has it (<see cref="LeadReach"/>),
/// decide, append. Every refusal is a <see cref="DomainError"/> in the outcome.
/// </summary>
public sealed class LeadHandler(CommandHandler handler, EventStore.EventStore store, LeadQueries leads, DuplicateQueries duplicates,
    FollowUpIds followUpIds, Receivers receivers, DuplicateGuard duplicateGuard, DuplicateMasking masking, NewOpportunityFacts opportunityFacts,
    TimeProvider clock)
{
    public async Task<CommandOutcome> CreateAsync(AddLead command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.LeadId ?? Guid.CreateVersion7();
        var owner = command.OwnerId ?? caller.ActorId;
        if (owner != caller.ActorId && await receivers.CheckAsync(owner, "ownerId", caller.VisibleOwners("lead.create"), ct) is { } badOwner)
            return CommandOutcome.Refused(id, badOwner);
        var fields = command.Fields;
        IReadOnlyCollection<Guid> seen = [];
        var outcome = await handler.CreateAsync(Lead.Decider, id, async (state, t) =>
        {
            var found = await FindDuplicatesAsync(fields.Name, fields.Company, fields.Phone, fields.Email, t);
            seen = found.Select(c => c.Id).ToHashSet();
            return Lead.Decide(new CreateLead(id, fields, owner, found, command.CreateAnyway), state, CommandContexts.For(clock, request));
        }, request,
        // The company is checked as a name too (FindDuplicatesAsync), so it is locked and re-checked as one.
        duplicateGuard.For([fields.Name, fields.Company], fields.Phone, fields.Email, () => seen), ct);
        // Only a refusal is masked (duplicate candidates the caller cannot see show only what matched).
        return outcome.Error is { } error ? outcome with { Error = await masking.MaskAsync(error, caller, ct) } : outcome;
    }

    public Task<CommandOutcome> EditAsync(EditLead command, Caller caller, CommandRequest request, CancellationToken ct) =>
        InReachAsync(command.LeadId, state => LeadReach.Check(state, caller, "lead.edit"), request,
            state => ValueTask.FromResult(Lead.Decide(command, state, CommandContexts.For(clock, request))), ct);

    public Task<CommandOutcome> FollowUpAsync(AddLeadFollowUp command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var followUpId = command.FollowUpId ?? Guid.CreateVersion7();
        var chosen = command.FollowUpId is not null;
        // A follow-up id the client chose must be new to every record's follow-ups: looked up here, locked and looked up again in the append.
        return InReachAsync(command.LeadId, state => LeadReach.Check(state, caller, "lead.edit"), request, async state =>
            chosen && await followUpIds.IsUsedAsync(followUpId, ct) ? TakenIds.Refusal()
                : Lead.Decide(new FollowUpLead(command.LeadId, followUpId, command.Kind, command.Content, command.NextContactAt), state,
                    CommandContexts.For(clock, request)), ct, chosen ? followUpIds.Guard(followUpId) : null);
    }

    public async Task<CommandOutcome> TransferAsync(TransferLead command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        // The receiver must be inside the caller's scope, as for customers and contacts.
        if (await receivers.CheckAsync(command.NewOwnerId, "ownerId", caller.VisibleOwners("lead.transfer"), ct) is { } badReceiver)
            return CommandOutcome.Refused(command.LeadId, badReceiver);
        return await InReachAsync(command.LeadId, state => LeadReach.Check(state, caller, "lead.transfer"), request,
            state => ValueTask.FromResult(Lead.Decide(command, state, CommandContexts.For(clock, request))), ct);
    }

    /// <summary>Erases the lead's personal data (a converted lead too); a pool lead with an all-records scope or as a claimant may.</summary>
    public Task<CommandOutcome> EraseAsync(EraseLead command, Caller caller, CommandRequest request, CancellationToken ct) =>
        InReachAsync(command.LeadId, state => LeadReach.Check(state, caller, "lead.erase"), request,
            state => ValueTask.FromResult(Lead.Decide(command, state, CommandContexts.For(clock, request))), ct);

    public Task<CommandOutcome> PutInPoolAsync(PutLeadInPool command, Caller caller, CommandRequest request, CancellationToken ct) =>
        InReachAsync(command.LeadId, state => LeadReach.Check(state, caller, "lead.edit"), request,
            state => ValueTask.FromResult(Lead.Decide(command, state, CommandContexts.For(clock, request))), ct);

    /// <summary>
    /// Claims a pool lead. An owned lead the caller can see is refused as not in the pool (409); one outside
    /// their scope answers 404, so the claim never confirms it.
    /// </summary>
    public Task<CommandOutcome> ClaimAsync(ClaimLead command, Caller caller, CommandRequest request, CancellationToken ct) =>
        InReachAsync(command.LeadId, state => LeadReach.Check(state, caller, "lead.detail") is { } hidden
                && LeadReach.Check(state, caller, "lead.list") is not null ? hidden : null, request,
            state => ValueTask.FromResult(Lead.Decide(command, state, CommandContexts.For(clock, request))), ct);

    /// <summary>
    /// Converts a lead: the new customer, the optional contact, the optional opportunity and the lead's
    /// lead.converted in ONE multi-stream append at the versions loaded; a lost race (or a product of the
    /// opportunity's lines changed meanwhile) reruns the whole cycle on fresh state.
    /// </summary>
    public async Task<ConversionOutcome> ConvertAsync(ConvertLeadIntoCustomer command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.LeadId;
        var customerId = command.CustomerId ?? Guid.CreateVersion7();
        var contactId = command.Contact is null ? (Guid?)null : command.ContactId ?? Guid.CreateVersion7();
        // One plan cannot write a stream twice: the lead's own id, or the customer's as the contact's, is taken by this very conversion.
        if (customerId == id) return ConversionOutcome.Refused(TakenIds.Refusal("customerId"));
        if (contactId == id || contactId == customerId) return ConversionOutcome.Refused(TakenIds.Refusal("contactId"));
        var asked = command.Opportunity;
        // Asking for an opportunity is creating one: only then is opportunity.create needed.
        if (asked is not null && !caller.Can(OpportunityPermission))
            return ConversionOutcome.Refused(DomainError.Forbidden("permission_denied", $"None of your roles grants '{OpportunityPermission}'.") with
            {
                Field = "opportunity",
            });
        var opportunityId = asked is null ? (Guid?)null : asked.OpportunityId ?? Guid.CreateVersion7();
        if (opportunityId is { } taken && (taken == id || taken == customerId || taken == contactId))
            return ConversionOutcome.Refused(TakenIds.Refusal("opportunity.id"));
        var lines = (asked?.Lines ?? []).Select(l => l.WithId()).ToList();
        var products = NewOpportunityFacts.Of(lines);
        PipelineOnFile? pipeline = null;
        var wroteContact = false;
        LeadState? unchanged = null;
        var outcome = await handler.HandleManyAsync(id, async t =>
        {
            var loaded = await LoadAsync(id, t);
            var state = loaded?.State ?? LeadState.None with { Id = id };
            if (LeadReach.Check(state, caller, "lead.convert") is { } refusal) return MultiStreamPlan.Refuse(refusal);
            var version = loaded!.Value.Version;
            if (request.ExpectedVersion is { } expected && expected != version) return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, version));

            var input = command.Customer is { } overrides ? overrides.Over(Lead.CustomerInputFrom(state)) : Lead.CustomerInputFrom(state);
            var candidates = (await duplicates.FindAsync(input.Name, input.Phone, input.Email, t))
                .Where(m => m.Id != id).Select(m => new DuplicateCandidate(m.Kind, m.Id, m.Name, m.MatchedOn)).ToList();
            var create = new CreateCustomer(customerId, input, state.OwnerId ?? caller.ActorId, id, candidates, command.CreateAnyway);
            // The opportunity goes to the lead's owner: as for POST /api/opportunities, another owner than the caller must be an
            // enabled user within the caller's opportunity.create scope.
            if (asked is not null && create.OwnerId != caller.ActorId
                && await receivers.CheckAsync(create.OwnerId, "opportunity.ownerId", caller.VisibleOwners(OpportunityPermission), t) is { } badOwner)
                return MultiStreamPlan.Refuse(badOwner);
            if (asked is not null)
            {
                pipeline = await opportunityFacts.PipelineAsync(asked.PipelineId, t);
                await opportunityFacts.ReadAsync(products, t);
            }
            var opportunity = asked is null ? null : new CreateOpportunity(opportunityId!.Value, customerId, asked.Fields, lines, asked.Currency,
                asked.Amount, create.OwnerId, pipeline, products.OnFile());
            var decision = LeadConversion.Decide(state, create, command.Contact, contactId, CommandContexts.For(clock, request), opportunity);
            wroteContact = decision.Changes.Any(c => c.StreamId == contactId);
            unchanged = decision.Error is null && decision.Changes.Count == 0 ? state : null;
            return new MultiStreamPlan(decision, new Dictionary<Guid, long> { [id] = version }, version);
        }, request, ct,
        // A new customer or contact id that is taken is the client's to change, not a race to retry.
        refusal: e => e is ConcurrencyException taken && taken.StreamId != id
            ? TakenIds.Refusal(taken.StreamId == customerId ? "customerId" : taken.StreamId == contactId ? "contactId" : "opportunity.id") : null,
        guard: opportunityFacts.StillHold(products, () => pipeline));

        if (outcome.Error is { } error) return ConversionOutcome.Refused(await masking.MaskAsync(error, caller, ct));
        if (outcome.Replayed || unchanged is not null)
        {
            // Answer with what the conversion made, as the lead records it.
            var done = unchanged ?? (await LoadAsync(id, ct))?.State;
            return new ConversionOutcome(outcome.Version, done?.ConvertedTo?.CustomerId ?? Guid.Empty, done?.ConvertedTo?.ContactId, outcome.Replayed, null,
                done?.ConvertedTo?.OpportunityId);
        }
        return new ConversionOutcome(outcome.Version, customerId, wroteContact ? contactId : null, false, null, opportunityId);
    }

    /// <summary>
    /// Hands a disabled user's open leads to another user (ORG-3): one lead.transferred per lead, so each
    /// lead's history shows the move. Converted leads stay with their owner (they are closed); repeating
    /// the hand-over finds nothing left to move.
    /// </summary>
    /// <returns>How many leads moved.</returns>
    public async Task<int> HandOverAsync(Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct)
    {
        var moved = 0;
        var single = request with { IdempotencyKey = null, RequestHash = null, ExpectedVersion = null };
        foreach (var id in await leads.OpenLeadsOfAsync(fromUserId, ct))
        {
            var outcome = await handler.HandleAsync(Lead.Decider, id, (state, _, _) => ValueTask.FromResult(
                // Only if it is still the leaver's: someone may have moved it since the list was read.
                state.OwnerId == fromUserId ? Lead.Decide(new TransferLead(id, toUserId), state, CommandContexts.For(clock, single)) : Decision.Nothing),
                single, ct);
            if (outcome.Succeeded && outcome.Events.Count > 0) moved++;
        }
        return moved;
    }

    /// <summary>
    /// Runs a command on one lead with the reach checked first, then If-Match: a stale version of a lead
    /// the caller cannot reach answers 404 like a missing one, never 412 (which would confirm it). The
    /// pipeline gets no expected version, so a lost race runs the cycle again and meets the check here.
    /// </summary>
    private Task<CommandOutcome> InReachAsync(Guid id, Func<LeadState, DomainError?> reach, CommandRequest request,
        Func<LeadState, ValueTask<Decision>> decide, CancellationToken ct, AppendGuard? guard = null) =>
        handler.HandleReachedAsync(Lead.Decider, id, (state, _) => ValueTask.FromResult(reach(state with { Id = id })),
            (state, _) => decide(state), request, guard, ct);

    private const string OpportunityPermission = "opportunity.create";

    private async Task<(LeadState State, long Version)?> LoadAsync(Guid id, CancellationToken ct) =>
        await store.LoadAsync(Lead.Decider, id, ct);

    private async Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(string? name, string? company, string? phone, string? email, CancellationToken ct)
    {
        var found = (await duplicates.FindAsync(name, phone, email, ct)).ToList();
        if (!string.IsNullOrWhiteSpace(company)) found.AddRange(await duplicates.FindAsync(company, null, null, ct));
        return found.GroupBy(m => m.Id)
            .Select(g => new DuplicateCandidate(g.First().Kind, g.Key, g.First().Name, g.SelectMany(m => m.MatchedOn).Distinct().ToList()))
            .ToList();
    }
}
