using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Contracts;

// The contract's side of approval (SAL-4): the events the approval engine appends to the contract's stream, in the same
// transaction as the submission's own, at the version it read (ContractApprovalSubject).
public static partial class Contract
{
    /// <summary>Draft or rejected contracts may be submitted; a voided one is final (409 contract_voided), a deleted one gone (404).</summary>
    public static DomainError? CanSubmit(ContractState state) =>
        !state.Exists ? ContractNotFound(state.Id)
        : state.Status == ApprovalStatus.Voided ? DomainError.Conflict("contract_voided", $"Contract {state.Number} is voided: it cannot be submitted.")
        : null;

    public static ContractSubmitted Submitted(ContractState state, Guid submissionId, DateTimeOffset at) => new(state.Id, submissionId, at);

    /// <summary>Approved at <paramref name="approvedVersion"/>: the version the approvers saw, right after <see cref="ContractSubmitted"/>.</summary>
    public static ContractApproved Approved(ContractState state, Guid submissionId, long approvedVersion, DateTimeOffset at) =>
        new(state.Id, state.CustomerId, submissionId, approvedVersion, state.Amount, at);

    public static ContractRejected Rejected(ContractState state, Guid submissionId, string reason, DateTimeOffset at) =>
        new(state.Id, submissionId, reason, at);

    public static ContractWithdrawn Withdrawn(ContractState state, Guid submissionId, DateTimeOffset at) => new(state.Id, submissionId, at);

    private static DomainError ContractNotFound(Guid id) => Access.RecordAccess.NotFound(ContractReach.Kind, id);
}
