using Crm.Events.Customers;
using Crm.Write.Contacts;
using Crm.Write.Contracts;
using Crm.Write.Opportunities;

namespace Crm.Write.Customers;

/// <summary>
/// A customer transfer with its cascade (CUS-4) as one decision: the customer's events plus the
/// events of every contact and opportunity it moves. The caller loads the customer, its contacts and
/// its opportunities, calls this, and appends all changes in one transaction (EventStore.AppendAsync
/// with several StreamAppends), so a contact never ends up with an owner its customer does not have.
/// </summary>
public static class CustomerTransfer
{
    /// <param name="contacts">The customer's contacts, loaded by the caller (ids from CustomerQueries.ContactIdsAsync).</param>
    /// <param name="opportunities">
    /// The customer's opportunities, loaded by the caller when <see cref="TransferCustomer.CascadeToOpportunities"/>; only the open
    /// ones its previous owner holds move (<see cref="Opportunity.MovesWith"/>).
    /// </param>
    /// <param name="contracts">
    /// The customer's contracts, loaded by the caller when <see cref="TransferCustomer.CascadeToContracts"/>; only those not voided that
    /// its previous owner holds move (<see cref="Contract.MovesWith"/>), each recording the customer it moved with.
    /// </param>
    public static MultiStreamDecision Decide(TransferCustomer command, CustomerState customer, IReadOnlyList<ContactState> contacts,
        CommandContext context, IReadOnlyList<OpportunityState>? opportunities = null, IReadOnlyList<ContractState>? contracts = null)
    {
        var moving = customer.OwnerId is { } previous
            ? (opportunities ?? []).Where(o => Opportunity.MovesWith(o, command.CustomerId, previous)).ToList()
            : [];
        var decision = Customer.Decide(command with { ContactIds = contacts.Select(c => c.Id).ToList(), OpportunityIds = moving.Select(o => o.Id).ToList() },
            customer, context);
        if (decision.Error is { } error) return error;
        if (decision.Events.Count == 0) return new MultiStreamDecision([], null);

        var changes = new List<StreamChange> { new(command.CustomerId, Customer.StreamType, decision.Events) };
        var transferred = decision.Events.OfType<CustomerTransferred>().Single();
        foreach (var contact in contacts.Where(c => transferred.ContactIds.Contains(c.Id)))
        {
            var moved = Contact.Decide(new FollowCustomerTransfer(contact.Id, command.CustomerId, command.NewOwnerId), contact, context);
            if (moved.Error is { } refused) return refused;
            if (moved.Events.Count > 0) changes.Add(new StreamChange(contact.Id, Contact.StreamType, moved.Events));
        }
        foreach (var opportunity in moving.Where(o => transferred.OpportunityIds?.Contains(o.Id) == true))
        {
            var moved = Opportunity.Decide(new MoveOpportunityWithCustomer(opportunity.Id, command.CustomerId, transferred.PreviousOwnerId,
                command.NewOwnerId, command.KeepPreviousOwnerAs), opportunity, context);
            if (moved.Error is { } refused) return refused;
            if (moved.Events.Count > 0) changes.Add(new StreamChange(opportunity.Id, Opportunity.StreamType, moved.Events));
        }
        foreach (var contract in command.CascadeToContracts ? contracts ?? [] : [])
        {
            var moved = Contract.Decide(new MoveContractWithCustomer(contract.Id, command.CustomerId, transferred.PreviousOwnerId, command.NewOwnerId,
                command.KeepPreviousOwnerAs), contract, context);
            if (moved.Error is { } refused) return refused;
            if (moved.Events.Count > 0) changes.Add(new StreamChange(contract.Id, Contract.StreamType, moved.Events));
        }
        return new MultiStreamDecision(changes, null);
    }
}
