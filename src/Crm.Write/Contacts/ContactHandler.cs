using Crm.EventStore;
using Crm.Write.Access;
using Crm.Write.Customers;

namespace Crm.Write.Contacts;

/// <summary>A new contact as the caller asks for it; the handler finds its owner (the customer's) and checks the customer.</summary>
/// <param name="ContactId">Client-chosen id, or null for a fresh one.</param>
public sealed record AddContact(Guid? ContactId, Guid CustomerId, ContactInput Fields);

/// <summary>A follow-up on a contact; <paramref name="FollowUpId"/> is the client's choice when not null.</summary>
public sealed record AddContactFollowUp(Guid ContactId, Guid? FollowUpId, string? Kind, string? Content, DateTimeOffset? NextContactAt);

/// <summary>A disabled user's contact handed to another user (ORG-3): a system action, not a caller's transfer.</summary>
public sealed record HandOverContact(Guid ContactId, Guid FromUserId, Guid ToUserId);

/// <summary>
/// The contact commands (CUS-8), each the same way: gather the facts the decision needs (the
/// customer, the receiver), apply the caller's reach to the contact as its stream has it, decide,
/// append. Every refusal is a <see cref="DomainError"/> in the outcome.
/// </summary>
public sealed class ContactHandler(CommandHandler handler, ContactReach reach, CustomerReach customers, Receivers receivers,
    FollowUpIds followUpIds, CustomerCascadeGuard cascadeGuard, TimeProvider clock)
{
    /// <summary>
    /// The contact takes its customer's owner, so the decision reads the customer (inside the command's cycle: a retry reads it
    /// afresh) and is appended only while the customer is at the version read: a customer transferred, pooled or deleted
    /// meanwhile makes the command decide again on what it became. <see cref="CustomerCascadeGuard"/> keeps a cascading
    /// transfer from missing the new contact.
    /// </summary>
    public Task<CommandOutcome> AddAsync(AddContact command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.ContactId ?? Guid.CreateVersion7();
        return handler.CreateAsync(Contact.Decider, id, async (state, t) =>
        {
            var (customer, hidden) = await customers.CheckAsync(command.CustomerId, caller, "customer.edit", TeamNeed.ReadWrite, t);
            if (hidden is not null || customer is null)
                return DomainError.Unprocessable("customerId", "customer_not_found", $"Customer {command.CustomerId} does not exist or you cannot edit it.");
            if (customer.OwnerId is not { } owner)
                return DomainError.Conflict("customer_in_pool", "The customer is in the public pool: claim it before adding contacts.", "customerId");
            if (await cascadeGuard.RefusalIfMergedAsync(command.CustomerId, t) is { } merged) return merged;
            return Contact.Decide(new CreateContact(id, command.CustomerId, command.Fields, owner, true), state, Context(request))
                .Reading(command.CustomerId, Customer.StreamType, customer.Version);
        }, request, cascadeGuard.ForNewRecord(command.CustomerId), ct);
    }

    public Task<CommandOutcome> EditAsync(EditContact command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.ContactId, "contact.edit", TeamNeed.ReadWrite, caller, request, state => Contact.Decide(command, state, Context(request)), ct);

    public Task<CommandOutcome> FollowUpAsync(AddContactFollowUp command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var followUpId = command.FollowUpId ?? Guid.CreateVersion7();
        var chosen = command.FollowUpId is not null;
        var followUp = new FollowUpContact(command.ContactId, followUpId, command.Kind, command.Content, command.NextContactAt);
        // A follow-up id the client chose must be new to every record's follow-ups: looked up here, locked and looked up again in the append.
        return Checked(command.ContactId, "contact.edit", TeamNeed.ReadWrite, caller, request,
            async t => chosen && await followUpIds.IsUsedAsync(followUpId, t) ? TakenIds.Refusal() : null,
            state => Contact.Decide(followUp, state, Context(request)), ct, chosen ? followUpIds.Guard(followUpId) : null);
    }

    public async Task<CommandOutcome> TransferAsync(TransferContact command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        if (await receivers.CheckAsync(command.NewOwnerId, "toUserId", caller.VisibleOwners("contact.transfer"), ct) is { } badReceiver)
            return Refused(command.ContactId, badReceiver);
        return await Checked(command.ContactId, "contact.transfer", TeamNeed.None, caller, request,
            state => Contact.Decide(command, state, Context(request)), ct);
    }

    /// <summary>Erases the contact's personal data; reached through its owner only (a customer's team does not erase its contacts).</summary>
    public Task<CommandOutcome> EraseAsync(EraseContact command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Checked(command.ContactId, "contact.erase", TeamNeed.None, caller, request, state => Contact.Decide(command, state, Context(request)), ct);

    private Task<CommandOutcome> Checked(Guid id, string permission, TeamNeed team, Caller caller, CommandRequest request,
        Func<ContactState, Decision> decide, CancellationToken ct) =>
        Checked(id, permission, team, caller, request, _ => Task.FromResult<DomainError?>(null), decide, ct);

    /// <summary>The caller's reach on the contact as its stream has it first, then If-Match, then the other facts, then the decider.</summary>
    private Task<CommandOutcome> Checked(Guid id, string permission, TeamNeed team, Caller caller, CommandRequest request,
        Func<CancellationToken, Task<DomainError?>> facts, Func<ContactState, Decision> decide, CancellationToken ct, AppendGuard? guard = null) =>
        handler.HandleReachedAsync(Contact.Decider, id, async (state, t) => await reach.CheckAsync(id, state, caller, permission, team, t),
            async (state, t) => await facts(t) is { } refusal ? refusal : decide(state), request, guard, ct);

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);

    /// <summary>
    /// The hand-over's move of one contact: no caller's reach applies (the hand-over itself was checked), and the contact
    /// moves only while it is still the leaver's (someone may have moved it since the list was read).
    /// </summary>
    public Task<CommandOutcome> HandOverAsync(HandOverContact command, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(Contact.Decider, command.ContactId, (state, _, _) => ValueTask.FromResult(state.OwnerId == command.FromUserId
            ? Contact.Decide(new TransferContact(command.ContactId, command.ToUserId), state, CommandContexts.For(clock, request))
            : Decision.Nothing), request, ct);

    private static CommandOutcome Refused(Guid? id, DomainError error) => CommandOutcome.Refused(id ?? Guid.Empty, error);
}
