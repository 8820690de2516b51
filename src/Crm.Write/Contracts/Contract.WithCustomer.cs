namespace Crm.Write.Contracts;

/// <summary>
/// The contract's part in a customer transfer with cascadeToContracts (CUS-4): the customer transfer loads the customer's contracts
/// and asks each one this, so the rule of which ones move lives with the contract.
/// </summary>
/// <param name="PreviousOwnerId">The customer's owner before the transfer: only contracts that owner holds move.</param>
/// <param name="KeepPreviousOwnerAs">As the customer keeps its previous owner (read / read_write), so does each moved contract.</param>
public sealed record MoveContractWithCustomer(Guid ContractId, Guid CustomerId, Guid PreviousOwnerId, Guid NewOwnerId, string? KeepPreviousOwnerAs);

public static partial class Contract
{
    /// <summary>
    /// Moves a contract of the customer that is not voided and that its previous owner holds; anything else (voided, deleted, another
    /// colleague's, another customer's) stays as it is: a colleague's contract is theirs to hand over.
    /// </summary>
    public static Decision Decide(MoveContractWithCustomer command, ContractState state, CommandContext context) =>
        !MovesWith(state, command.CustomerId, command.PreviousOwnerId) || command.NewOwnerId == state.OwnerId ? Decision.Nothing
            : Decision.Accept([.. Moved(state, command.NewOwnerId, command.KeepPreviousOwnerAs, command.CustomerId, context)]);

    /// <summary>Whether a customer transfer from <paramref name="previousOwnerId"/> takes this contract along.</summary>
    public static bool MovesWith(ContractState state, Guid customerId, Guid previousOwnerId) =>
        state.Exists && state.Status != Crm.Events.ApprovalStatus.Voided && state.CustomerId == customerId && state.OwnerId == previousOwnerId;
}
