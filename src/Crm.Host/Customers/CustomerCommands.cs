using Crm.EventStore;
using Crm.Host.Platform;
using Crm.Projections.Customers;
using Crm.Write;
using Crm.Write.Contacts;
using Crm.Write.Customers;
using Polly;

namespace Crm.Host.Customers;

/// <summary>
/// Runs the customer commands: single-stream ones through the CommandHandler (the decide lambda looks
/// up what the rules need), and the transfer with its contacts cascade as one multi-stream append at
/// the versions loaded, retried whole on a lost race like the CommandHandler does.
/// </summary>
public sealed class CustomerCommands(CommandHandler handler, EventStore.EventStore store, CustomerQueries customers, TimeProvider clock)
{
    public Task<CommandOutcome> HandleAsync(Guid id, Func<CustomerState, CommandContext, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(Customer.Decider, id, (state, _, token) => decide(state, CommandRequests.Context(clock, request), token), request, ct);

    /// <summary>A create: an id some stream holds already is refused as taken, whatever the stream is.</summary>
    public Task<CommandOutcome> CreateAsync(Guid id, Func<CustomerState, CommandContext, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, AppendGuard? guard, CancellationToken ct) =>
        handler.CreateAsync(Customer.Decider, id, (state, token) => decide(state, CommandRequests.Context(clock, request), token), request, guard, ct);

    public Task<CommandOutcome> HandleAsync(Guid id, Func<CustomerState, CommandContext, Decision> decide, CommandRequest request, CancellationToken ct) =>
        HandleAsync(id, (state, context, _) => ValueTask.FromResult(decide(state, context)), request, ct);

    /// <summary>A transfer (CUS-4): the customer and, with the cascade, each of its contacts, appended in one transaction.</summary>
    public Task<CommandOutcome> TransferAsync(TransferCustomer command, CommandRequest request, CancellationToken ct) =>
        handler.HandleManyAsync(command.CustomerId, async t =>
        {
            var id = command.CustomerId;
            var loaded = await store.AggregateStreamAsync(id, CustomerState.None, (s, e) => CustomerState.Evolve(s, e.Data), ct: t);
            var (state, version) = loaded ?? (CustomerState.None, 0);
            if (request.ExpectedVersion is { } expected && version > 0 && expected != version)
                return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, version));

            var contacts = new List<(ContactState State, long Version)>();
            if (command.CascadeToContacts && state.Exists)
            {
                foreach (var contactId in await customers.ContactIdsAsync(id, t))
                {
                    if (await store.AggregateStreamAsync(contactId, ContactState.None, (s, e) => ContactState.Evolve(s, e.Data), ct: t) is { } c)
                        contacts.Add(c);
                }
            }
            var decision = CustomerTransfer.Decide(command, state, contacts.Select(c => c.State).ToList(), CommandRequests.Context(clock, request));
            var versions = contacts.ToDictionary(c => c.State.Id, c => c.Version);
            versions[id] = version;
            return new MultiStreamPlan(decision, versions, version);
        }, request, ct);
}
