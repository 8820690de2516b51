using Crm.EventStore;
using Crm.Projections.Contracts;
using Crm.Projections.Customers;
using Crm.Write.Access;

namespace Crm.Write.Customers;

/// <summary>A new customer as the caller asks for it; the handler looks its duplicates up.</summary>
/// <param name="CustomerId">Client-chosen id, or null for a fresh one.</param>
/// <param name="OwnerId">Null: the caller.</param>
/// <param name="CreateAnyway">The client saw the candidates and means it.</param>
public sealed record AddCustomer(Guid? CustomerId, CustomerInput Fields, Guid? OwnerId, bool CreateAnyway);

/// <summary>A follow-up on a customer; <paramref name="FollowUpId"/> is the client's choice when not null.</summary>
public sealed record AddCustomerFollowUp(Guid CustomerId, Guid? FollowUpId, string? Kind, string? Content, DateTimeOffset? NextContactAt);

/// <summary>
/// The customer commands (CUS-1…6), each the same way: gather the facts the decision needs
/// (duplicates, the receiver), apply the caller's reach to the customer as its stream has it, decide,
/// append; the locks a rule across records needs are taken inside the append's transaction
/// (<see cref="DuplicateGuard"/>, <see cref="FollowUpIds"/>). Every refusal is a <see cref="DomainError"/> in the outcome.
/// </summary>
public sealed partial class CustomerHandler(
    CommandHandler handler, EventStore.EventStore store, CustomerQueries customers, DuplicateQueries duplicates, DuplicateGuard duplicateGuard,
    DuplicateMasking masking, FollowUpIds followUpIds, Receivers receivers, TimeProvider clock, ContractQueries contractQueries,
    CustomerCascadeGuard cascadeGuard, CustomFields.CustomFieldFacts customFields)
{
    public async Task<CommandOutcome> AddAsync(AddCustomer command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var owner = command.OwnerId ?? caller.ActorId;
        var id = command.CustomerId ?? Guid.CreateVersion7();
        if (owner != caller.ActorId && await receivers.CheckAsync(owner, "ownerId", caller.VisibleOwners("customer.create"), ct) is { } badOwner)
            return CommandOutcome.Refused(id, badOwner);
        var fields = command.Fields;
        var (custom, badCustom) = await customFields.PrepareAsync("customer", id, fields.Custom, create: true, ct);
        if (badCustom is not null) return CommandOutcome.Refused(id, badCustom);
        IReadOnlyCollection<Guid> seen = [];
        var attempts = 0;
        // The duplicate search runs once, in the append's transaction under the guard's locks, when it finds nothing (the
        // common case): the first decision assumes no candidates, and a match rolls that append back and decides again
        // with the candidates looked up. createAnyway ignores candidates, so it needs neither the search nor the guard.
        var outcome = await handler.CreateAsync(Customer.Decider, id, async (state, t) =>
        {
            IReadOnlyList<DuplicateMatch> matches = command.CreateAnyway || attempts++ == 0
                ? [] : await duplicates.FindAsync(fields.Name, fields.Phone, fields.Email, t);
            seen = matches.Select(m => m.Id).ToHashSet();
            var candidates = matches.Select(m => new DuplicateCandidate(m.Kind, m.Id, m.Name, m.MatchedOn)).ToList();
            return Customer.Decide(new CreateCustomer(id, fields, owner, null, candidates, command.CreateAnyway, await custom.ReadAsync(t)), state,
                Context(request));
        }, request, Guards(command.CreateAnyway ? null : duplicateGuard.For([fields.Name], fields.Phone, fields.Email, () => seen), custom.Guard),
            freshId: command.CustomerId is null, ct);
        // Nothing after the commit may fail the command: only a refusal is masked (it read nothing committed).
        return outcome.Error is { } error ? outcome with { Error = await masking.MaskAsync(error, caller, ct) } : outcome;
    }

    /// <summary>An edit; custom values sent are checked against the customer fields, a unique one under its lock (CustomCheck).</summary>
    public async Task<CommandOutcome> EditAsync(EditCustomer command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        // A bad user value is refused after the reach check: a hidden customer answers its 404 whatever else is wrong.
        var (custom, badCustom) = await customFields.PrepareAsync("customer", command.CustomerId, command.Fields.Custom, create: false, ct);
        return await handler.HandleReachedAsync(Customer.Decider, command.CustomerId,
            (state, _) => ValueTask.FromResult(Reached(command.CustomerId, state, caller, "customer.edit", TeamNeed.ReadWrite)),
            async (state, t) => badCustom ?? Customer.Decide(command with { Custom = await custom.ReadAsync(t) }, state, Context(request)), request,
            custom.Guard, ct);
    }

    private static AppendGuard? Guards(AppendGuard? first, AppendGuard? second) => first is null ? second : first.And(second);

    public Task<CommandOutcome> FollowUpAsync(AddCustomerFollowUp command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var followUpId = command.FollowUpId ?? Guid.CreateVersion7();
        var chosen = command.FollowUpId is not null;
        var followUp = new FollowUpCustomer(command.CustomerId, followUpId, command.Kind, command.Content, command.NextContactAt);
        // A follow-up id the client chose must be new to every record's follow-ups: looked up here, locked and looked up again in the append.
        return Checked(command.CustomerId, "customer.edit", TeamNeed.ReadWrite, caller, request,
            async t => chosen && await followUpIds.IsUsedAsync(followUpId, t) ? TakenIds.Refusal() : null,
            s => Customer.Decide(followUp, s, Context(request)), ct, chosen ? followUpIds.Guard(followUpId) : null);
    }

    public Task<CommandOutcome> AddTeamMemberAsync(AddTeamMember command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.CustomerId, "customer.team", TeamNeed.None, caller, request, async t =>
            await receivers.CheckAsync(command.UserId, "userId", OwnerScope.All, t), s => Customer.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> ChangeTeamMemberAsync(ChangeTeamMemberAccess command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.CustomerId, "customer.team", TeamNeed.None, caller, request, s => Customer.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> RemoveTeamMemberAsync(RemoveTeamMember command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.CustomerId, "customer.team", TeamNeed.None, caller, request, s => Customer.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> LockAsync(LockCustomer command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.CustomerId, "customer.lock", TeamNeed.None, caller, request, s => Customer.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> UnlockAsync(UnlockCustomer command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.CustomerId, "customer.lock", TeamNeed.None, caller, request, s => Customer.Decide(command, s, Context(request)), ct);

    /// <summary>Erases the customer's personal data; the owner must be in the caller's customer.erase scope (a team does not erase).</summary>
    public Task<CommandOutcome> EraseAsync(EraseCustomer command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.CustomerId, "customer.erase", TeamNeed.None, caller, request, s => Customer.Decide(command, s, Context(request)), ct);

    public Task<CommandOutcome> PutInPoolAsync(PutCustomerInPool command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.CustomerId, "customer.recycle", TeamNeed.None, caller, request, s => Customer.Decide(command, s, Context(request)), ct);

    private Task<CommandOutcome> Checked(Guid id, string permission, TeamNeed team, Caller caller, CommandRequest request,
        Func<CustomerState, Decision> decide, CancellationToken ct) =>
        Checked(id, permission, team, caller, request, _ => Task.FromResult<DomainError?>(null), decide, ct);

    /// <summary>The caller's reach on the stream's state first, then If-Match, then the other facts, then the decider.</summary>
    private Task<CommandOutcome> Checked(Guid id, string permission, TeamNeed team, Caller caller, CommandRequest request,
        Func<CancellationToken, Task<DomainError?>> facts, Func<CustomerState, Decision> decide, CancellationToken ct, AppendGuard? guard = null) =>
        handler.HandleReachedAsync(Customer.Decider, id,
            (state, _) => ValueTask.FromResult(Reached(id, state, caller, permission, team)),
            async (state, t) => await facts(t) is { } refusal ? refusal : decide(state), request, guard, ct);

    /// <summary>
    /// The caller's reach on the stream's state, then the merged customer's closure (SET-4): it takes no more changes, except the
    /// erasure of its personal data, which is always owed. Every command on an existing customer passes here.
    /// </summary>
    private static DomainError? Reached(Guid id, CustomerState state, Caller caller, string permission, TeamNeed team) =>
        CustomerReach.Check(id, state, caller, permission, team) ?? (permission == "customer.erase" ? null : Customer.Closed(state));

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}
