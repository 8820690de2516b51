using Crm.EventStore;
using Crm.Host.Access;
using Crm.Host.Customers;
using Crm.Host.Platform;
using Crm.Projections;
using Crm.Projections.Customers;
using Crm.Projections.Leads;
using Crm.Projections.Org;
using Crm.Write;
using Crm.Write.Customers;
using Crm.Write.Leads;

namespace Crm.Host.Leads;

/// <summary>
/// Runs the lead commands: looks up what the decider needs (duplicates, the target user), applies the
/// caller's data scope (a lead outside it answers 404, as if it did not exist) and appends.
/// </summary>
public sealed class LeadCommands(
    CommandHandler handler, EventStore.EventStore store, LeadQueries leads, DuplicateQueries duplicates,
    DuplicateVisibility visibility, FollowUpQueries followUps, UserQueries users, TimeProvider clock, DuplicateGuard duplicateGuard)
{
    public async Task<CommandOutcome> CreateAsync(Guid id, CreateLeadRequest body, CallerAccess caller, CommandRequest request, CancellationToken ct)
    {
        var owner = body.OwnerId ?? caller.ActorId;
        if (owner != caller.ActorId && await OwnerRefusalAsync(owner, caller, "lead.create", ct) is { } refused) return CommandOutcome.Refused(id, refused);
        IReadOnlyCollection<Guid> seen = [];
        var outcome = await handler.CreateAsync(Lead.Decider, id, async (state, t) =>
        {
            var found = await FindDuplicatesAsync(body.Name, body.Company, body.Phone, body.Email, t);
            seen = found.Select(c => c.Id).ToHashSet();
            return Lead.Decide(new CreateLead(id, body.Input(), owner, found, body.CreateAnyway == true), state, Context(request));
        }, request,
        // The company is checked as a name too (FindDuplicatesAsync), so it is locked and re-checked as one.
        duplicateGuard.For([body.Name, body.Company], body.Phone, body.Email, () => seen), ct);
        return await MaskedAsync(outcome, caller, ct);
    }

    public Task<CommandOutcome> EditAsync(Guid id, UpdateLeadRequest body, CallerAccess caller, CommandRequest request, CancellationToken ct) =>
        InScopeAsync(id, caller, "lead.edit", request, state => Lead.Decide(new EditLead(id, body.Input()), state, Context(request)), ct);

    /// <param name="chosenId">Whether the client chose the follow-up id: one any follow-up has already is refused as taken.</param>
    public async Task<CommandOutcome> FollowUpAsync(
        Guid id, Guid followUpId, bool chosenId, LeadFollowUpRequest body, CallerAccess caller, CommandRequest request, CancellationToken ct)
    {
        var used = chosenId && await followUps.IsUsedAsync(followUpId, ct);
        return await InScopeAsync(id, caller, "lead.edit", request, state => used && state.Exists ? TakenIds.Refusal()
            : Lead.Decide(new FollowUpLead(id, followUpId, body.Kind, body.Content, body.NextContactAt), state, Context(request)), ct);
    }

    public async Task<CommandOutcome> TransferAsync(Guid id, Guid? newOwner, CallerAccess caller, CommandRequest request, CancellationToken ct)
    {
        if (newOwner is not { } target) return CommandOutcome.Refused(id, DomainError.Invalid("ownerId", "owner_required", "Name the user who receives the lead."));
        // The receiver must be inside the caller's scope, as for customers and contacts.
        if (await OwnerRefusalAsync(target, caller, "lead.transfer", ct) is { } refused) return CommandOutcome.Refused(id, refused);
        return await InScopeAsync(id, caller, "lead.transfer", request, state => Lead.Decide(new TransferLead(id, target), state, Context(request)), ct);
    }

    public Task<CommandOutcome> PutInPoolAsync(Guid id, string? reason, CallerAccess caller, CommandRequest request, CancellationToken ct) =>
        InScopeAsync(id, caller, "lead.edit", request, state => Lead.Decide(new PutLeadInPool(id, reason), state, Context(request)), ct);

    public async Task<CommandOutcome> ClaimAsync(Guid id, CallerAccess caller, CommandRequest request, CancellationToken ct)
    {
        // Only pool leads can be claimed; an owned lead outside the caller's scope must not be confirmed.
        var row = await leads.GetAsync(id, ct);
        if (row is null || (row.OwnerId is { } owner && !caller.VisibleOwners("lead.list").Includes(owner) && !caller.VisibleOwners("lead.detail").Includes(owner)))
            return CommandOutcome.Refused(id, NotFound(id));
        return await handler.HandleAsync(Lead.Decider, id,
            (state, _, _) => ValueTask.FromResult(Lead.Decide(new ClaimLead(id), state, Context(request))), request, ct);
    }

    /// <summary>
    /// Converts a lead: the new customer, the optional contact and the lead's lead.converted in ONE
    /// multi-stream append at the versions loaded; a lost race reruns the whole cycle on fresh state.
    /// </summary>
    public async Task<ConversionOutcome> ConvertAsync(Guid id, ConvertLeadRequest body, CallerAccess caller, CommandRequest request, CancellationToken ct)
    {
        var customerId = body.CustomerId ?? Guid.CreateVersion7();
        var contactId = body.Contact is null ? (Guid?)null : body.ContactId ?? Guid.CreateVersion7();
        // One plan cannot write a stream twice: the lead's own id, or the customer's as the contact's, is taken by this very conversion.
        if (customerId == id) return ConversionOutcome.Refused(Taken("customerId"));
        if (contactId == id || contactId == customerId) return ConversionOutcome.Refused(Taken("contactId"));
        var wroteContact = false;
        LeadState? unchanged = null;
        var outcome = await handler.HandleManyAsync(id, async t =>
        {
            var loaded = await store.AggregateStreamAsync(id, Lead.Decider.Initial, (s, e) => Lead.Decider.Evolve(s, e.Data), ct: t);
            if (loaded is not { } found || !caller.MayReachLead(found.State.OwnerId, "lead.convert")) return MultiStreamPlan.Refuse(NotFound(id));
            var (state, version) = found;
            if (request.ExpectedVersion is { } expected && expected != version) return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, version));

            var input = body.Customer.Over(Lead.CustomerInputFrom(state));
            var candidates = (await duplicates.FindAsync(input.Name, input.Phone, input.Email, t))
                .Where(m => m.Id != id).Select(m => new DuplicateCandidate(m.Kind, m.Id, m.Name, m.MatchedOn)).ToList();
            var create = new CreateCustomer(customerId, input, state.OwnerId ?? caller.ActorId, id, candidates, body.CreateAnyway == true);
            var decision = LeadConversion.Decide(state, create, body.Contact?.Input(), contactId, Context(request));
            wroteContact = decision.Changes.Any(c => c.StreamId == contactId);
            unchanged = decision.Error is null && decision.Changes.Count == 0 ? state : null;
            return new MultiStreamPlan(decision, new Dictionary<Guid, long> { [id] = version }, version);
        }, request, ct,
        // A new customer or contact id that is taken is the client's to change, not a race to retry.
        refusal: e => e is ConcurrencyException taken && taken.StreamId != id ? Taken(taken.StreamId == customerId ? "customerId" : "contactId") : null);

        if (outcome.Error is { } error) return ConversionOutcome.Refused(await visibility.MaskAsync(error, caller, ct));
        if (outcome.Replayed || unchanged is not null)
        {
            // Answer with what the conversion made, as the lead records it.
            var done = unchanged ?? (await store.AggregateStreamAsync(id, Lead.Decider.Initial, (s, e) => Lead.Decider.Evolve(s, e.Data), ct: ct))?.State;
            return new ConversionOutcome(outcome.Version, done?.ConvertedTo?.CustomerId ?? Guid.Empty, done?.ConvertedTo?.ContactId, outcome.Replayed, null);
        }
        return new ConversionOutcome(outcome.Version, customerId, wroteContact ? contactId : null, false, null);
    }

    /// <summary>The lead as the command left it (folded to that version).</summary>
    public async Task<LeadRow> WrittenAsync(Guid id, long version, CancellationToken ct) =>
        await GetAsOfAsync(id, version, null, ct) ?? throw new InvalidOperationException($"Lead {id} has no version {version} after a successful command.");

    public async Task<LeadRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct) =>
        await store.ReadAsOfAsync<LeadRow>(id, version, asOf, LeadRow.Evolve, ct);

    private async Task<CommandOutcome> InScopeAsync(
        Guid id, CallerAccess caller, string permission, CommandRequest request, Func<LeadState, Decision> decide, CancellationToken ct)
    {
        // Checked before the handler too, so a stale If-Match on a hidden lead answers 404, not 412.
        var row = await leads.GetAsync(id, ct);
        if (row is null || !caller.MayReachLead(row.OwnerId, permission)) return CommandOutcome.Refused(id, NotFound(id));
        return await handler.HandleAsync(Lead.Decider, id, (state, _, _) => ValueTask.FromResult(
            state.Exists && !caller.MayReachLead(state.OwnerId, permission) ? Decision.Refuse(NotFound(id)) : decide(state)), request, ct);
    }

    private async Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(string? name, string? company, string? phone, string? email, CancellationToken ct)
    {
        var found = (await duplicates.FindAsync(name, phone, email, ct)).ToList();
        if (!string.IsNullOrWhiteSpace(company)) found.AddRange(await duplicates.FindAsync(company, null, null, ct));
        return found.GroupBy(m => m.Id)
            .Select(g => new DuplicateCandidate(g.First().Kind, g.Key, g.First().Name, g.SelectMany(m => m.MatchedOn).Distinct().ToList()))
            .ToList();
    }

    private async Task<CommandOutcome> MaskedAsync(CommandOutcome outcome, CallerAccess caller, CancellationToken ct) =>
        outcome.Error is { } error ? outcome with { Error = await visibility.MaskAsync(error, caller, ct) } : outcome;

    private async Task<DomainError?> OwnerRefusalAsync(Guid owner, CallerAccess caller, string permission, CancellationToken ct)
    {
        if (await UserRefusalAsync(owner, ct) is { } refused) return refused;
        return caller.VisibleOwners(permission).Includes(owner) ? null
            : DomainError.Unprocessable("ownerId", "owner_out_of_scope", "You can only give leads to users inside your data scope.");
    }

    private async Task<DomainError?> UserRefusalAsync(Guid userId, CancellationToken ct)
    {
        var user = await users.GetAsync(userId, ct);
        if (user is null) return DomainError.Unprocessable("ownerId", "owner_unknown", $"User {userId} does not exist.");
        return user.IsDisabled ? DomainError.Unprocessable("ownerId", "owner_disabled", $"User {userId} is disabled.") : null;
    }

    private CommandContext Context(CommandRequest request) => CommandRequests.Context(clock, request);

    public static DomainError NotFound(Guid id) => DomainError.NotFound("lead_not_found", $"Lead {id} does not exist (at that version or moment).");

    private static DomainError Taken(string field) => TakenIds.Refusal(field);
}

/// <summary>How a conversion ended: the lead's version afterwards and what it became, or a refusal.</summary>
public sealed record ConversionOutcome(long Version, Guid CustomerId, Guid? ContactId, bool Replayed, DomainError? Error)
{
    public static ConversionOutcome Refused(DomainError error) => new(0, Guid.Empty, null, false, error);
}
