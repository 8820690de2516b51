using Crm.Host.Platform;
using Crm.Write;
using Crm.Write.Customers;

namespace Crm.Host.Customers;

/// <summary>
/// What is left of the Host's customer runner: kept only for the pool, the recycling job and the hand-over while they move
/// onto handlers in Crm.Write (issue 10); the customer endpoints call <see cref="CustomerHandler"/>. Delete it with its last caller.
/// </summary>
public sealed class CustomerCommands(CommandHandler handler, CustomerHandler customers, TimeProvider clock)
{
    public Task<CommandOutcome> HandleAsync(Guid id, Func<CustomerState, CommandContext, CancellationToken, ValueTask<Decision>> decide,
        CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(Customer.Decider, id, (state, _, token) => decide(state, CommandRequests.Context(clock, request), token), request, ct);

    public Task<CommandOutcome> HandleAsync(Guid id, Func<CustomerState, CommandContext, Decision> decide, CommandRequest request, CancellationToken ct) =>
        HandleAsync(id, (state, context, _) => ValueTask.FromResult(decide(state, context)), request, ct);

    /// <summary>A system hand-over's transfer (no caller's reach): <see cref="CustomerHandler.HandOverAsync"/>.</summary>
    public Task<CommandOutcome> TransferAsync(TransferCustomer command, CommandRequest request, CancellationToken ct) =>
        customers.HandOverAsync(command, request, ct);
}
