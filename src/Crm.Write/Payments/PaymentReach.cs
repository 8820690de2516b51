using System.Collections.Immutable;
using Crm.Projections.Payments;
using Crm.Write.Access;
using Crm.Write.Contracts;

namespace Crm.Write.Payments;

/// <summary>
/// Payments as the access policy sees them: through their contract. The payment.* permission's data scope is applied to the
/// contract's owner, and the contract's team reaches its payments as it reaches the contract (read, or read_write to change them).
/// </summary>
public sealed class PaymentReach(PaymentQueries payments, EventStore.EventStore store)
{
    public const string Kind = "payment";

    /// <summary>For reads: the payment's current row when the caller reaches it through its contract; else the refusal (404 payment_not_found).</summary>
    public async Task<(PaymentRow? Row, DomainError? Refusal)> CheckAsync(Guid id, Caller caller, string permission, TeamNeed team, CancellationToken ct)
    {
        var row = await payments.GetAsync(id, ct);
        if (row is null) return (null, RecordAccess.NotFound(Kind, id));
        // The contract's stream is read only when the row's owner is outside the caller's scope: then only its team can reach it.
        var contract = caller.VisibleOwners(permission).Includes(row.OwnerId) ? null : await ContractAsync(row.ContractId, ct);
        var record = new RecordOnFile(Kind, id, true, row.OwnerId) { Team = contract?.Team ?? ImmutableDictionary<Guid, string>.Empty };
        var refusal = RecordAccess.Reach(caller, record, permission, team);
        return refusal is null ? (row, null) : (null, refusal);
    }

    /// <summary>For commands: the rule applied to the payment through its contract as their streams have them.</summary>
    public static DomainError? Check(Guid id, PaymentState payment, ContractState contract, Caller caller, string permission, TeamNeed team) =>
        RecordAccess.Reach(caller, payment.Exists
            ? new RecordOnFile(Kind, id, true, contract.Exists ? contract.OwnerId : payment.OwnerId) { Team = contract.Team }
            : RecordOnFile.Missing(Kind, id), permission, team);

    public async Task<ContractState> ContractAsync(Guid contractId, CancellationToken ct) =>
        (await ContractStreamAsync(contractId, ct))?.State ?? ContractState.None;

    /// <summary>The contract folded from its stream, with the stream's version; null when there is no such stream.</summary>
    public Task<(ContractState State, long Version)?> ContractStreamAsync(Guid contractId, CancellationToken ct) =>
        store.AggregateStreamAsync(contractId, ContractState.None, (s, e) => ContractState.Evolve(s, e.Data), ct: ct);
}
