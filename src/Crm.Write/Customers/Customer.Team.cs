using Crm.Events;
using Crm.Events.Customers;

namespace Crm.Write.Customers;

// The team (CUS-3): colleagues who co-maintain a customer. The owner is never a member of its own
// team: ownership already grants everything, and a double entry would survive a transfer.
public static partial class Customer
{
    public static Decision Decide(AddTeamMember command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        if (!TeamAccess.IsValid(command.Access)) return BadAccess();
        if (command.UserId == state.OwnerId)
            return DomainError.Conflict("owner_cannot_be_team_member", "The owner cannot be a member of the customer's team.", "userId");
        if (state.Team.TryGetValue(command.UserId, out var access))
            return access == command.Access ? Decision.Nothing
                : DomainError.Conflict("already_team_member", "The user is already on the team: change the access instead.", "userId");
        return Decision.Accept(new CustomerTeamMemberAdded(state.Id, command.UserId, command.Access!));
    }

    public static Decision Decide(ChangeTeamMemberAccess command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        if (!TeamAccess.IsValid(command.Access)) return BadAccess();
        if (!state.Team.TryGetValue(command.UserId, out var access)) return NotAMember();
        return access == command.Access ? Decision.Nothing
            : Decision.Accept(new CustomerTeamMemberAccessChanged(state.Id, command.UserId, command.Access!, access));
    }

    public static Decision Decide(RemoveTeamMember command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        if (!state.Team.TryGetValue(command.UserId, out var access)) return NotAMember();
        return Decision.Accept(new CustomerTeamMemberRemoved(state.Id, command.UserId, access));
    }

    /// <summary>The removal that keeps a new owner off its own team, if it was on it.</summary>
    private static IEnumerable<object> LeaveTeamOnOwning(CustomerState state, Guid newOwner) =>
        state.Team.TryGetValue(newOwner, out var access) ? [new CustomerTeamMemberRemoved(state.Id, newOwner, access)] : [];

    private static DomainError BadAccess() =>
        DomainError.Invalid("access", "access_invalid", $"access must be {TeamAccess.Read} or {TeamAccess.ReadWrite}.");

    private static DomainError NotAMember() =>
        DomainError.Unprocessable("userId", "not_team_member", "The user is not a member of the customer's team.");
}
