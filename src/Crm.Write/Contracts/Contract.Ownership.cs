using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Contracts;

// Transfer and the team, as opportunities have them: the owner is never on its own team. Ownership is no approved field: it
// changes whatever the status (a voided contract too, so its history stays with whoever answers for the customer).
public static partial class Contract
{
    public static Decision Decide(TransferContract command, ContractState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContractId);
        if (command.KeepPreviousOwnerAs is not null && !TeamAccess.IsValid(command.KeepPreviousOwnerAs))
            return DomainError.Invalid("keepPreviousOwnerAs", "access_invalid", $"keepPreviousOwnerAs must be {TeamAccess.Read} or {TeamAccess.ReadWrite}.");
        return command.NewOwnerId == state.OwnerId ? Decision.Nothing
            : Decision.Accept([.. Moved(state, command.NewOwnerId, command.KeepPreviousOwnerAs, null, context)]);
    }

    public static Decision Decide(AddContractTeamMember command, ContractState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContractId);
        if (!TeamAccess.IsValid(command.Access)) return BadAccess();
        if (command.UserId == state.OwnerId)
            return DomainError.Conflict("owner_cannot_be_team_member", "The owner cannot be a member of the contract's team.", "userId");
        if (state.Team.TryGetValue(command.UserId, out var access))
            return access == command.Access ? Decision.Nothing
                : DomainError.Conflict("already_team_member", "The user is already on the team: change the access instead.", "userId");
        return Decision.Accept(new ContractTeamMemberAdded(state.Id, command.UserId, command.Access!));
    }

    public static Decision Decide(ChangeContractTeamMember command, ContractState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContractId);
        if (!TeamAccess.IsValid(command.Access)) return BadAccess();
        if (!state.Team.TryGetValue(command.UserId, out var access)) return NotAMember();
        return access == command.Access ? Decision.Nothing
            : Decision.Accept(new ContractTeamMemberAccessChanged(state.Id, command.UserId, command.Access!, access));
    }

    public static Decision Decide(RemoveContractTeamMember command, ContractState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.ContractId);
        if (!state.Team.TryGetValue(command.UserId, out var access)) return NotAMember();
        return Decision.Accept(new ContractTeamMemberRemoved(state.Id, command.UserId, access));
    }

    /// <summary>The events of a move to <paramref name="newOwner"/>: the receiver leaves the team, the previous owner may join it.</summary>
    private static List<object> Moved(ContractState state, Guid newOwner, string? keepPreviousOwnerAs, Guid? withCustomer, CommandContext context)
    {
        var events = new List<object>();
        if (state.Team.TryGetValue(newOwner, out var had)) events.Add(new ContractTeamMemberRemoved(state.Id, newOwner, had));
        events.Add(new ContractTransferred(state.Id, newOwner, state.OwnerId, keepPreviousOwnerAs, withCustomer, context.Now));
        if (keepPreviousOwnerAs is { } access) events.Add(new ContractTeamMemberAdded(state.Id, state.OwnerId, access));
        return events;
    }

    private static DomainError BadAccess() =>
        DomainError.Invalid("access", "access_invalid", $"access must be {TeamAccess.Read} or {TeamAccess.ReadWrite}.");

    private static DomainError NotAMember() =>
        DomainError.Unprocessable("userId", "not_team_member", "The user is not a member of the contract's team.");
}
