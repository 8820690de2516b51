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

    public Task<CommandOutcome> HandleAsync(Guid id, Func<CustomerState, CommandContext, Decision> decide, CommandRequest request, CancellationToken ct) =>
        HandleAsync(id, (state, context, _) => ValueTask.FromResult(decide(state, context)), request, ct);

    /// <summary>A transfer (CUS-4): the customer and, with the cascade, each of its contacts, appended in one transaction.</summary>
    public async Task<CommandOutcome> TransferAsync(TransferCustomer command, CommandRequest request, CancellationToken ct)
    {
        var id = command.CustomerId;
        if (request.IdempotencyKey is { } key && await store.FindCommandAsync(key, ct) is { } earlier)
        {
            if (request.RequestHash is not null && earlier.RequestHash is not null && earlier.RequestHash != request.RequestHash)
                return CommandOutcome.Refused(id, DomainError.Unprocessable("Idempotency-Key", "idempotency_key_reused", "This Idempotency-Key was already used for a different request."));
            return new CommandOutcome(earlier.StreamIds[0], earlier.Versions[0], true, [], null);
        }
        try
        {
            return await CommandHandler.DefaultConflictRetry.ExecuteAsync(async token => await TransferOnceAsync(command, request, token), ct);
        }
        catch (ConcurrencyException) when (request.ExpectedVersion is null)
        {
            return CommandOutcome.Refused(id, DomainError.Conflict("concurrent_change", "The customer or its contacts kept changing while this transfer ran; try again."));
        }
    }

    private async Task<CommandOutcome> TransferOnceAsync(TransferCustomer command, CommandRequest request, CancellationToken ct)
    {
        var id = command.CustomerId;
        var loaded = await store.AggregateStreamAsync(id, CustomerState.None, (s, e) => CustomerState.Evolve(s, e.Data), ct: ct);
        var (state, version) = loaded ?? (CustomerState.None, 0);
        if (request.ExpectedVersion is { } expected && version > 0 && expected != version) return Stale(id, expected, version);

        var contacts = new List<(ContactState State, long Version)>();
        if (command.CascadeToContacts && state.Exists)
        {
            foreach (var contactId in await customers.ContactIdsAsync(id, ct))
            {
                if (await store.AggregateStreamAsync(contactId, ContactState.None, (s, e) => ContactState.Evolve(s, e.Data), ct: ct) is { } c)
                    contacts.Add(c);
            }
        }
        var decision = CustomerTransfer.Decide(command, state, contacts.Select(c => c.State).ToList(), CommandRequests.Context(clock, request));
        if (decision.Error is { } error) return CommandOutcome.Refused(id, error);
        if (decision.Changes.Count == 0) return new CommandOutcome(id, version, false, [], null);

        var versions = contacts.ToDictionary(c => c.State.Id, c => c.Version);
        versions[id] = version;
        var appends = decision.Changes
            .Select(c => new StreamAppend(c.StreamId, c.StreamType, ExpectedVersion.Exactly(versions[c.StreamId]), c.Events))
            .ToList();
        var options = new AppendOptions { Metadata = request.Metadata, IdempotencyKey = request.IdempotencyKey, RequestHash = request.RequestHash };
        try
        {
            var result = await store.AppendAsync(appends, options, ct);
            return new CommandOutcome(id, result.Versions[0], result.Replayed, decision.Changes[0].Events, null);
        }
        catch (ConcurrencyException e) when (request.ExpectedVersion is not null && e.StreamId == id)
        {
            return Stale(id, request.ExpectedVersion.Value, e.Actual);
        }
        catch (IdempotencyKeyReusedException)
        {
            return CommandOutcome.Refused(id, DomainError.Unprocessable("Idempotency-Key", "idempotency_key_reused", "This Idempotency-Key was already used for a different request."));
        }
    }

    private static CommandOutcome Stale(Guid id, long expected, long actual) => CommandOutcome.Refused(id, new DomainError(
        "stale_version", $"The record is at version {actual}, not {expected}: reload it and try again.", ErrorKind.Stale, "If-Match"));
}
