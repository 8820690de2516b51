using Crm.Events.Sales;

namespace Crm.Write.Opportunities;

/// <summary>
/// The opportunity's part in a customer transfer with cascadeToOpportunities (CUS-4): the customer transfer loads the customer's
/// opportunities and asks each one this, so the rule of which ones move lives with the opportunity.
/// </summary>
/// <param name="PreviousOwnerId">The customer's owner before the transfer: only opportunities that owner holds move.</param>
/// <param name="KeepPreviousOwnerAs">As the customer keeps its previous owner (read / read_write), so does each moved opportunity.</param>
public sealed record MoveOpportunityWithCustomer(
    Guid OpportunityId, Guid CustomerId, Guid PreviousOwnerId, Guid NewOwnerId, string? KeepPreviousOwnerAs);

public static partial class Opportunity
{
    /// <summary>
    /// Moves an OPEN opportunity of the customer owned by its previous owner; anything else (won, lost, deleted, another
    /// colleague's, another customer's) stays as it is: a closed deal keeps the owner who closed it, and a colleague's
    /// opportunity is theirs to hand over.
    /// </summary>
    public static Decision Decide(MoveOpportunityWithCustomer command, OpportunityState state, CommandContext context)
    {
        if (!MovesWith(state, command.CustomerId, command.PreviousOwnerId) || command.NewOwnerId == state.OwnerId) return Decision.Nothing;
        var events = new List<object>();
        if (state.Team.TryGetValue(command.NewOwnerId, out var had)) events.Add(new OpportunityTeamMemberRemoved(state.Id, command.NewOwnerId, had));
        events.Add(new OpportunityTransferred(state.Id, command.NewOwnerId, state.OwnerId, command.KeepPreviousOwnerAs, command.CustomerId, context.Now));
        if (command.KeepPreviousOwnerAs is { } access) events.Add(new OpportunityTeamMemberAdded(state.Id, state.OwnerId, access));
        return Decision.Accept([.. events]);
    }

    /// <summary>Whether a customer transfer from <paramref name="previousOwnerId"/> takes this opportunity along.</summary>
    public static bool MovesWith(OpportunityState state, Guid customerId, Guid previousOwnerId) =>
        state.Exists && !state.IsClosed && state.CustomerId == customerId && state.OwnerId == previousOwnerId;
}
