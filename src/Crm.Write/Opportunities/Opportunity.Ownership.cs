using Crm.Events;
using Crm.Events.Sales;

namespace Crm.Write.Opportunities;

// Transfer and the team, as customers have them (CUS-3/4): the owner is never on its own team.
public static partial class Opportunity
{
    public static Decision Decide(TransferOpportunity command, OpportunityState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.OpportunityId);
        if (command.KeepPreviousOwnerAs is not null && !TeamAccess.IsValid(command.KeepPreviousOwnerAs))
            return DomainError.Invalid("keepPreviousOwnerAs", "access_invalid", $"keepPreviousOwnerAs must be {TeamAccess.Read} or {TeamAccess.ReadWrite}.");
        var previous = state.OwnerId;
        if (command.NewOwnerId == previous) return Decision.Nothing;
        var events = new List<object>();
        if (state.Team.TryGetValue(command.NewOwnerId, out var had)) events.Add(new OpportunityTeamMemberRemoved(state.Id, command.NewOwnerId, had));
        events.Add(new OpportunityTransferred(state.Id, command.NewOwnerId, previous, command.KeepPreviousOwnerAs, null, context.Now));
        if (command.KeepPreviousOwnerAs is { } access) events.Add(new OpportunityTeamMemberAdded(state.Id, previous, access));
        return Decision.Accept([.. events]);
    }

    public static Decision Decide(AddOpportunityTeamMember command, OpportunityState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.OpportunityId);
        if (!TeamAccess.IsValid(command.Access)) return BadAccess();
        if (command.UserId == state.OwnerId)
            return DomainError.Conflict("owner_cannot_be_team_member", "The owner cannot be a member of the opportunity's team.", "userId");
        if (state.Team.TryGetValue(command.UserId, out var access))
            return access == command.Access ? Decision.Nothing
                : DomainError.Conflict("already_team_member", "The user is already on the team: change the access instead.", "userId");
        return Decision.Accept(new OpportunityTeamMemberAdded(state.Id, command.UserId, command.Access!));
    }

    public static Decision Decide(ChangeOpportunityTeamMember command, OpportunityState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.OpportunityId);
        if (!TeamAccess.IsValid(command.Access)) return BadAccess();
        if (!state.Team.TryGetValue(command.UserId, out var access)) return NotAMember();
        return access == command.Access ? Decision.Nothing
            : Decision.Accept(new OpportunityTeamMemberAccessChanged(state.Id, command.UserId, command.Access!, access));
    }

    public static Decision Decide(RemoveOpportunityTeamMember command, OpportunityState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.OpportunityId);
        if (!state.Team.TryGetValue(command.UserId, out var access)) return NotAMember();
        return Decision.Accept(new OpportunityTeamMemberRemoved(state.Id, command.UserId, access));
    }

    private static DomainError BadAccess() =>
        DomainError.Invalid("access", "access_invalid", $"access must be {TeamAccess.Read} or {TeamAccess.ReadWrite}.");

    private static DomainError NotAMember() =>
        DomainError.Unprocessable("userId", "not_team_member", "The user is not a member of the opportunity's team.");
}
