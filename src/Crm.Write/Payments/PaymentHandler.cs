using Crm.EventStore;
using Crm.Projections.Payments;
using Crm.Write.Access;
using Crm.Write.Contracts;

namespace Crm.Write.Payments;

/// <summary>A payment as the caller asks for it: on a contract, with the fields as sent.</summary>
/// <param name="PaymentId">Client-chosen id, or null for a fresh one.</param>
public sealed record AddPayment(Guid? PaymentId, Guid ContractId, PaymentInput Fields);

/// <summary>
/// The payment commands (SAL-6), each the same way: fold the contract's stream, apply the caller's reach through the contract (payment.*
/// scope on the contract's owner and team), decide, append. The contract's stream version is read again FOR SHARE inside the append's
/// transaction (<see cref="ContractUnchanged"/>): a contract voided, transferred or re-planned meanwhile makes the command decide again.
/// </summary>
public sealed class PaymentHandler(CommandHandler handler, PaymentReach reach, ContractVersions contracts, TimeProvider clock)
{
    public Task<CommandOutcome> RecordAsync(AddPayment command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = command.PaymentId ?? Guid.CreateVersion7();
        long seen = 0;
        return handler.CreateAsync(Payment.Decider, id, async (state, t) =>
        {
            var (contract, version) = await ContractAsync(command.ContractId, t);
            seen = version;
            // A contract outside the caller's payment.create scope answers exactly like a missing one: 404 contract_not_found.
            if (ContractReach.Check(command.ContractId, contract, caller, "payment.create", TeamNeed.ReadWrite) is { } hidden) return hidden;
            return Payment.Decide(new RecordPayment(id, ContractOnFile.From(contract), command.Fields), state, Context(request));
        }, request, ContractUnchanged(command.ContractId, () => seen), freshId: command.PaymentId is null, ct);
    }

    public Task<CommandOutcome> EditAsync(Guid id, PaymentInput fields, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(id, "payment.edit", caller, request, (s, c) => Payment.Decide(new EditPayment(id, ContractOnFile.From(c), fields), s, Context(request)), ct);

    public Task<CommandOutcome> DeleteAsync(Guid id, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(id, "payment.delete", caller, request, (s, _) => Payment.Decide(new DeletePayment(id), s, Context(request)), ct);

    /// <summary>The caller's reach on the payment through its contract first, then If-Match, then the decider.</summary>
    private Task<CommandOutcome> Reached(Guid id, string permission, Caller caller, CommandRequest request,
        Func<PaymentState, ContractState, Decision> decide, CancellationToken ct)
    {
        var contract = ContractState.None;
        long seen = 0;
        return handler.HandleReachedAsync(Payment.Decider, id, async (state, t) =>
            {
                if (state.Exists) (contract, seen) = await ContractAsync(state.ContractId, t);
                return PaymentReach.Check(id, state, contract, caller, permission, TeamNeed.ReadWrite);
            },
            (state, _) => ValueTask.FromResult(decide(state, contract)), request, ContractUnchanged(() => contract.Id, () => seen), ct);
    }

    private async Task<(ContractState State, long Version)> ContractAsync(Guid contractId, CancellationToken ct) =>
        await reach.ContractStreamAsync(contractId, ct) ?? (ContractState.None, 0);

    private AppendGuard ContractUnchanged(Guid contractId, Func<long> seen) => ContractUnchanged(() => contractId, seen);

    private AppendGuard ContractUnchanged(Func<Guid> contractId, Func<long> seen) =>
        new([], async (connection, tx, t) => await contracts.VersionForShareAsync(contractId(), connection, tx, t) == seen());

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}
