using Crm.EventStore;
using Crm.Write.Access;
using Crm.Write.Customers;

namespace Crm.Write.Opportunities;

/// <summary>A new opportunity as the caller asks for it; the handler finds the customer, the pipeline and the products.</summary>
/// <param name="OpportunityId">Client-chosen id, or null for a fresh one.</param>
/// <param name="OwnerId">Null: the caller.</param>
/// <param name="PipelineId">Null: the default pipeline.</param>
public sealed record AddOpportunity(
    Guid? OpportunityId, Guid CustomerId, OpportunityInput Fields, IReadOnlyList<SentLine> Lines, string? Currency, decimal? Amount, Guid? OwnerId,
    Guid? PipelineId);

/// <summary>A follow-up on an opportunity; <paramref name="FollowUpId"/> is the client's choice when not null.</summary>
public sealed record AddOpportunityFollowUp(Guid OpportunityId, Guid? FollowUpId, string? Kind, string? Content, DateTimeOffset? NextContactAt);

/// <summary>New lines for an opportunity, as sent.</summary>
public sealed record PutOpportunityLines(Guid OpportunityId, IReadOnlyList<SentLine> Lines);

/// <summary>
/// The opportunity commands (SAL-2), each the same way: gather the facts (customer, pipeline, products, receiver), apply the
/// caller's reach to the opportunity as its stream has it, decide, append. The products of new lines and the pipeline are read
/// again FOR SHARE inside the append's transaction (<see cref="NewOpportunityFacts.StillHold"/>): a product taken off shelf, or
/// the pipeline deleted or changed meanwhile, makes the command decide again.
/// </summary>
public sealed partial class OpportunityHandler(
    CommandHandler handler, CustomerReach customers, NewOpportunityFacts facts, FollowUpIds followUpIds, Receivers receivers, TimeProvider clock,
    CustomerCascadeGuard cascadeGuard)
{
    public async Task<CommandOutcome> AddAsync(AddOpportunity command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.OpportunityId ?? Guid.CreateVersion7();
        // A retry of a keyed create answers what the first did, before the checks below look at facts that may have changed since.
        if (await handler.ReplayedAsync(id, request, ct) is { } replayed) return replayed;
        var owner = command.OwnerId ?? caller.ActorId;
        if (owner != caller.ActorId && await receivers.CheckAsync(owner, "ownerId", caller.VisibleOwners("opportunity.create"), ct) is { } badOwner)
            return CommandOutcome.Refused(id, badOwner);
        var lines = command.Lines.Select(l => l.WithId()).ToList();
        var products = NewOpportunityFacts.Of(lines);
        PipelineOnFile? pipeline = null;
        // All read inside the cycle: when the guard finds them changed, the retry decides on what is there now. The customer is
        // checked at its version in the append (moved to the pool, transferred out of reach meanwhile: decide again), and the
        // cascade guard keeps a transfer cascading to opportunities from missing this one.
        return await handler.CreateAsync(Opportunity.Decider, id, async (state, t) =>
        {
            // The customer must be one the caller sees: a hidden one answers exactly like a missing one (404 customer_not_found).
            var (customer, hidden) = await customers.CheckAsync(command.CustomerId, caller, "customer.detail", TeamNeed.Read, t);
            if (hidden is not null || customer is null) return hidden ?? RecordAccess.NotFound(CustomerReach.Kind, command.CustomerId);
            if (customer.InPool) return DomainError.Conflict("customer_in_pool", "The customer is in the public pool: claim it first.", "customerId");
            if (await cascadeGuard.RefusalIfMergedAsync(command.CustomerId, t) is { } merged) return merged;
            pipeline = await facts.PipelineAsync(command.PipelineId, t);
            await facts.ReadAsync(products, t);
            return Opportunity.Decide(new CreateOpportunity(id, command.CustomerId, command.Fields, lines, command.Currency, command.Amount, owner, pipeline,
                products.OnFile()), state, Context(request)).Reading(command.CustomerId, Customer.StreamType, customer.Version);
        }, request, facts.StillHold(products, () => pipeline).And(cascadeGuard.ForNewRecord(command.CustomerId)), ct);
    }

    public Task<CommandOutcome> EditAsync(EditOpportunity command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.OpportunityId, "opportunity.edit", TeamNeed.ReadWrite, caller, request,
            (s, _) => Decided(Opportunity.Decide(command, s, Context(request))), ct);

    public Task<CommandOutcome> PutLinesAsync(PutOpportunityLines command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var lines = command.Lines.Select(l => l.WithId()).ToList();
        var products = NewOpportunityFacts.Of(lines);
        return Checked(command.OpportunityId, "opportunity.edit", TeamNeed.ReadWrite, caller, request, async (s, t) =>
        {
            await facts.ReadAsync(products, t);
            return Opportunity.Decide(new ChangeOpportunityLines(command.OpportunityId, lines, products.OnFile()), s, Context(request));
        }, ct, facts.StillHold(products, () => null));
    }

    public Task<CommandOutcome> AdvanceAsync(Guid id, Guid? stageId, Caller caller, CommandRequest request, CancellationToken ct) =>
        OnPipeline(id, caller, request, (s, pipeline) => Opportunity.Decide(new AdvanceOpportunity(id, stageId, pipeline), s, Context(request)), ct);

    public Task<CommandOutcome> WinAsync(Guid id, Caller caller, CommandRequest request, CancellationToken ct) =>
        OnPipeline(id, caller, request, (s, pipeline) => Opportunity.Decide(new WinOpportunity(id, pipeline), s, Context(request)), ct);

    public Task<CommandOutcome> LoseAsync(Guid id, string? reason, Caller caller, CommandRequest request, CancellationToken ct) =>
        OnPipeline(id, caller, request, (s, pipeline) => Opportunity.Decide(new LoseOpportunity(id, reason, pipeline), s, Context(request)), ct);

    public Task<CommandOutcome> ReopenAsync(Guid id, Guid? stageId, Caller caller, CommandRequest request, CancellationToken ct) =>
        OnPipeline(id, caller, request, (s, pipeline) => Opportunity.Decide(new ReopenOpportunity(id, stageId, pipeline), s, Context(request)), ct);

    /// <summary>
    /// A stage command: decided on the opportunity's pipeline as it is now, which the append reads again FOR SHARE — a reopen must
    /// not land on a pipeline deleted meanwhile (the delete counted no open opportunity), nor any move on stages changed meanwhile.
    /// </summary>
    private Task<CommandOutcome> OnPipeline(Guid id, Caller caller, CommandRequest request, Func<OpportunityState, PipelineOnFile?, Decision> decide,
        CancellationToken ct)
    {
        PipelineOnFile? pipeline = null;
        return Checked(id, "opportunity.advance", TeamNeed.ReadWrite, caller, request, async (s, t) =>
        {
            pipeline = await facts.PipelineAsync(s.Stage.PipelineId, t);
            return decide(s, pipeline);
        }, ct, facts.StillHold(NewOpportunityFacts.Products.None, () => pipeline));
    }

    public Task<CommandOutcome> FollowUpAsync(AddOpportunityFollowUp command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var followUpId = command.FollowUpId ?? Guid.CreateVersion7();
        var chosen = command.FollowUpId is not null;
        var followUp = new FollowUpOpportunity(command.OpportunityId, followUpId, command.Kind, command.Content, command.NextContactAt);
        // A follow-up id the client chose must be new to every record's follow-ups: looked up here, locked and looked up again in the append.
        return Checked(command.OpportunityId, "opportunity.edit", TeamNeed.ReadWrite, caller, request, async (s, t) =>
            chosen && await followUpIds.IsUsedAsync(followUpId, t) ? TakenIds.Refusal() : Opportunity.Decide(followUp, s, Context(request)),
            ct, chosen ? followUpIds.Guard(followUpId) : null);
    }

    public Task<CommandOutcome> AddTeamMemberAsync(AddOpportunityTeamMember command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.OpportunityId, "opportunity.team", TeamNeed.None, caller, request, async (s, t) =>
            await receivers.CheckAsync(command.UserId, "userId", OwnerScope.All, t) ?? Opportunity.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> ChangeTeamMemberAsync(ChangeOpportunityTeamMember command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.OpportunityId, "opportunity.team", TeamNeed.None, caller, request,
            (s, _) => Decided(Opportunity.Decide(command, s, Context(request))), ct);

    public Task<CommandOutcome> RemoveTeamMemberAsync(RemoveOpportunityTeamMember command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.OpportunityId, "opportunity.team", TeamNeed.None, caller, request,
            (s, _) => Decided(Opportunity.Decide(command, s, Context(request))), ct);

    public Task<CommandOutcome> DeleteAsync(Guid id, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(id, "opportunity.delete", TeamNeed.None, caller, request,
            (s, _) => Decided(Opportunity.Decide(new DeleteOpportunity(id), s, Context(request))), ct);

    /// <summary>The caller's reach on the stream's state first, then If-Match, then the facts and the decider.</summary>
    private Task<CommandOutcome> Checked(Guid id, string permission, TeamNeed team, Caller caller, CommandRequest request,
        Func<OpportunityState, CancellationToken, ValueTask<Decision>> decide, CancellationToken ct, AppendGuard? guard = null) =>
        handler.HandleReachedAsync(Opportunity.Decider, id,
            (state, _) => ValueTask.FromResult(OpportunityReach.Check(id, state, caller, permission, team)), decide, request, guard, ct);

    private static ValueTask<Decision> Decided(Decision decision) => ValueTask.FromResult(decision);

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}
