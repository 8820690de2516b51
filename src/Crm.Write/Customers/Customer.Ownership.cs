using Crm.Events;
using Crm.Events.Customers;

namespace Crm.Write.Customers;

// Transfer (CUS-4) and lock / unlock (CUS-5).
public static partial class Customer
{
    /// <summary>
    /// The customer's events; when contacts cascade, <see cref="CustomerTransferred.ContactIds"/>
    /// names the contact streams the caller moves in the same append (Contact.Decide(FollowCustomerTransfer)); when
    /// opportunities cascade, <see cref="CustomerTransferred.OpportunityIds"/> the opportunity streams (Opportunity.MovesWith).
    /// </summary>
    public static Decision Decide(TransferCustomer command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        if (state.OwnerId is not { } previous) return InPool(command.CustomerId);
        if (command.KeepPreviousOwnerAs is not null && !TeamAccess.IsValid(command.KeepPreviousOwnerAs))
            return DomainError.Invalid("keepPreviousOwnerAs", "access_invalid", $"keepPreviousOwnerAs must be {TeamAccess.Read} or {TeamAccess.ReadWrite}.");
        if (command.NewOwnerId == previous) return Decision.Nothing;

        var events = new List<object>(LeaveTeamOnOwning(state, command.NewOwnerId));
        var contacts = command.CascadeToContacts ? (command.ContactIds ?? []).Distinct().ToList() : [];
        // Null without the cascade, as in transfers recorded before opportunities existed.
        List<Guid>? opportunities = command.CascadeToOpportunities ? [.. (command.OpportunityIds ?? []).Distinct()] : null;
        events.Add(new CustomerTransferred(state.Id, command.NewOwnerId, previous, command.CascadeToContacts,
            command.CascadeToOpportunities, command.CascadeToContracts, contacts, command.KeepPreviousOwnerAs, context.Now, opportunities));
        if (command.KeepPreviousOwnerAs is { } access) events.Add(new CustomerTeamMemberAdded(state.Id, previous, access));
        return Decision.Accept([.. events]);
    }

    public static Decision Decide(LockCustomer command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        return state.Locked ? Decision.Nothing : Decision.Accept(new CustomerLocked(state.Id));
    }

    public static Decision Decide(UnlockCustomer command, CustomerState state, CommandContext context)
    {
        if (!state.Exists) return NotFound(command.CustomerId);
        return state.Locked ? Decision.Accept(new CustomerUnlocked(state.Id)) : Decision.Nothing;
    }
}
