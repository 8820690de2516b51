using Crm.EventStore;
using Crm.Projections.Products;
using Crm.Projections.Sales;
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
/// caller's reach to the opportunity as its stream has it, decide, append. The products of new lines are read again FOR SHARE
/// inside the append's transaction (<see cref="ProductsStillHold"/>): a product taken off shelf meanwhile makes the command decide again.
/// </summary>
public sealed partial class OpportunityHandler(
    CommandHandler handler, CustomerReach customers, PipelineFacts pipelines, ProductLineFacts products, FollowUpIds followUpIds, Receivers receivers,
    TimeProvider clock)
{
    public async Task<CommandOutcome> AddAsync(AddOpportunity command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.OpportunityId ?? Guid.CreateVersion7();
        var owner = command.OwnerId ?? caller.ActorId;
        if (owner != caller.ActorId && await receivers.CheckAsync(owner, "ownerId", caller.VisibleOwners("opportunity.create"), ct) is { } badOwner)
            return CommandOutcome.Refused(id, badOwner);
        // The customer must be one the caller sees: a hidden one answers exactly like a missing one (404 customer_not_found).
        var (customer, hidden) = await customers.CheckAsync(command.CustomerId, caller, "customer.detail", TeamNeed.Read, ct);
        if (hidden is not null || customer is null) return CommandOutcome.Refused(id, hidden ?? RecordAccess.NotFound(CustomerReach.Kind, command.CustomerId));
        if (customer.InPool)
            return CommandOutcome.Refused(id, DomainError.Conflict("customer_in_pool", "The customer is in the public pool: claim it first.", "customerId"));
        var pipeline = await PipelineAsync(command.PipelineId, ct);
        var lines = command.Lines.Select(l => l.WithId()).ToList();
        IReadOnlyDictionary<Guid, ProductForLine> seen = new Dictionary<Guid, ProductForLine>();
        return await handler.CreateAsync(Opportunity.Decider, id, async (state, t) =>
        {
            seen = await products.ReadAsync(ProductIds(lines), t);
            return Opportunity.Decide(new CreateOpportunity(id, command.CustomerId, command.Fields, lines, command.Currency, command.Amount, owner, pipeline,
                OnFile(seen)), state, Context(request));
        }, request, ProductsStillHold(ProductIds(lines), () => seen), ct);
    }

    public Task<CommandOutcome> EditAsync(EditOpportunity command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.OpportunityId, "opportunity.edit", TeamNeed.ReadWrite, caller, request,
            (s, _) => Decided(Opportunity.Decide(command, s, Context(request))), ct);

    public Task<CommandOutcome> PutLinesAsync(PutOpportunityLines command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var lines = command.Lines.Select(l => l.WithId()).ToList();
        IReadOnlyDictionary<Guid, ProductForLine> seen = new Dictionary<Guid, ProductForLine>();
        return Checked(command.OpportunityId, "opportunity.edit", TeamNeed.ReadWrite, caller, request, async (s, t) =>
        {
            seen = await products.ReadAsync(ProductIds(lines), t);
            return Opportunity.Decide(new ChangeOpportunityLines(command.OpportunityId, lines, OnFile(seen)), s, Context(request));
        }, ct, ProductsStillHold(ProductIds(lines), () => seen));
    }

    public Task<CommandOutcome> AdvanceAsync(Guid id, Guid? stageId, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(id, "opportunity.advance", TeamNeed.ReadWrite, caller, request, async (s, t) =>
            Opportunity.Decide(new AdvanceOpportunity(id, stageId, await PipelineAsync(s.Stage.PipelineId, t)), s, Context(request)), ct);

    public Task<CommandOutcome> WinAsync(Guid id, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(id, "opportunity.advance", TeamNeed.ReadWrite, caller, request, async (s, t) =>
            Opportunity.Decide(new WinOpportunity(id, await PipelineAsync(s.Stage.PipelineId, t)), s, Context(request)), ct);

    public Task<CommandOutcome> LoseAsync(Guid id, string? reason, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(id, "opportunity.advance", TeamNeed.ReadWrite, caller, request, async (s, t) =>
            Opportunity.Decide(new LoseOpportunity(id, reason, await PipelineAsync(s.Stage.PipelineId, t)), s, Context(request)), ct);

    public Task<CommandOutcome> ReopenAsync(Guid id, Guid? stageId, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(id, "opportunity.advance", TeamNeed.ReadWrite, caller, request, async (s, t) =>
            Opportunity.Decide(new ReopenOpportunity(id, stageId, await PipelineAsync(s.Stage.PipelineId, t)), s, Context(request)), ct);

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

    private async Task<PipelineOnFile?> PipelineAsync(Guid? id, CancellationToken ct)
    {
        var pipeline = id is { } given ? await pipelines.ReadAsync(given, ct) : await pipelines.DefaultAsync(ct);
        return pipeline is null ? null : new PipelineOnFile(pipeline.Id, pipeline.Stages);
    }

    private static Guid[] ProductIds(IEnumerable<LineInput> lines) =>
        lines.Where(l => l.ProductId is not null).Select(l => l.ProductId!.Value).Distinct().ToArray();

    private static Dictionary<Guid, ProductOnFile> OnFile(IReadOnlyDictionary<Guid, ProductForLine> read) =>
        read.Values.ToDictionary(p => p.Id, p => new ProductOnFile(p.Id, p.Code, p.Name, p.Unit, p.Price, p.Currency, p.OnShelf));

    /// <summary>The products the decision read, read again FOR SHARE in the append's transaction: unchanged, or the command decides again.</summary>
    private AppendGuard? ProductsStillHold(Guid[] ids, Func<IReadOnlyDictionary<Guid, ProductForLine>> seen) => ids.Length == 0 ? null
        : new AppendGuard([], async (connection, tx, t) =>
        {
            var now = await products.ReadAsync(ids, connection, tx, t);
            var then = seen();
            return now.Count == then.Count && now.All(p => then.TryGetValue(p.Key, out var before) && before == p.Value);
        });

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}
