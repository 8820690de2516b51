using Crm.EventStore;
using Crm.Write.Access;
using Crm.Write.Contacts;
using Crm.Write.Contracts;
using Crm.Write.Opportunities;

namespace Crm.Write.Customers;

/// <summary>Several customers to one receiver (bulk transfer): the receiver is checked once, then each id is its own transfer.</summary>
public sealed record TransferCustomers(IReadOnlyList<Guid> CustomerIds, TransferCustomer Options);

public sealed partial class CustomerHandler
{
    /// <summary>
    /// A transfer (CUS-4): the customer and, with the cascades, each of its contacts, each open opportunity and each contract not voided
    /// its previous owner holds, appended in one transaction.
    /// </summary>
    public async Task<CommandOutcome> TransferAsync(TransferCustomer command, Caller caller, CommandRequest request, CancellationToken ct) =>
        await ReceiverRefusal(command, caller, ct) is { } badReceiver
            ? CommandOutcome.Refused(command.CustomerId, badReceiver)
            : await TransferCheckedAsync(command, caller, request, ct);

    /// <summary>Per id, in the order sent (duplicates once); null outcomes when the receiver is refused for all.</summary>
    public async Task<(DomainError? Refusal, IReadOnlyList<CommandOutcome> Outcomes)> TransferManyAsync(
        TransferCustomers command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        if (await ReceiverRefusal(command.Options, caller, ct) is { } badReceiver) return (badReceiver, []);
        var outcomes = new List<CommandOutcome>();
        foreach (var id in command.CustomerIds.Distinct())
            outcomes.Add(await TransferCheckedAsync(command.Options with { CustomerId = id }, caller, request, ct));
        return (null, outcomes);
    }

    /// <summary>A system hand-over (a disabled user's customers): no caller's reach applies; the receiver was chosen by the one handing over.</summary>
    public Task<CommandOutcome> HandOverAsync(TransferCustomer command, CommandRequest request, CancellationToken ct) =>
        TransferCheckedAsync(command, null, request, ct);

    /// <summary>
    /// The receiver must be within the caller's customer.transfer scope; with a cascade to opportunities or contracts the
    /// caller must also hold that kind's transfer permission (403 cascade_not_permitted naming the flag) and the receiver be
    /// within that scope too: a customer transfer is no way around the rights over the records it moves.
    /// </summary>
    private async Task<DomainError?> ReceiverRefusal(TransferCustomer command, Caller caller, CancellationToken ct)
    {
        (bool Asked, string Permission, string Flag)[] cascades =
        [
            (command.CascadeToOpportunities, OpportunityTransfer, "cascadeToOpportunities"),
            (command.CascadeToContracts, ContractTransfer, "cascadeToContracts"),
        ];
        foreach (var (_, permission, flag) in cascades.Where(c => c.Asked && !caller.Can(c.Permission)))
            return DomainError.Forbidden("cascade_not_permitted", $"Moving these records too needs the {permission} permission.", flag);
        foreach (var permission in new[] { "customer.transfer" }.Concat(cascades.Where(c => c.Asked).Select(c => c.Permission)))
        {
            if (await receivers.CheckAsync(command.NewOwnerId, "toUserId", caller.VisibleOwners(permission), ct) is { } refused) return refused;
        }
        return null;
    }

    private const string OpportunityTransfer = "opportunity.transfer";
    private const string ContractTransfer = "contract.transfer";

    private Task<CommandOutcome> TransferCheckedAsync(TransferCustomer command, Caller? caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleManyAsync(command.CustomerId, async t =>
        {
            var id = command.CustomerId;
            var loaded = await store.LoadAsync(Customer.Decider, id, t);
            var (state, version) = loaded ?? (CustomerState.None, 0);
            if (caller is not null && CustomerReach.Check(id, state, caller, "customer.transfer", TeamNeed.None) is { } refusal)
                return MultiStreamPlan.Refuse(refusal);
            if (Customer.Closed(state) is { } merged) return MultiStreamPlan.Refuse(merged);
            if (request.ExpectedVersion is { } expected && version > 0 && expected != version)
                return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, version));

            // A record created under the customer after these lists were read must not stay behind: see CustomerCascadeGuard.
            IReadOnlyList<Guid>? contactIds = null, opportunityIds = null, contractIds = null;
            var contacts = new List<(ContactState State, long Version)>();
            if (command.CascadeToContacts && state.Exists)
            {
                foreach (var contactId in contactIds = await customers.ContactIdsAsync(id, t))
                {
                    if (await store.LoadAsync(Contact.Decider, contactId, t) is { } c)
                        contacts.Add(c);
                }
            }
            var opportunities = new List<(OpportunityState State, long Version)>();
            if (command.CascadeToOpportunities && state.Exists)
            {
                foreach (var opportunityId in opportunityIds = await customers.OpenOpportunityIdsAsync(id, t))
                {
                    // Only the opportunities the caller could transfer themselves move; the others stay with their owner.
                    if (await store.LoadAsync(Opportunity.Decider, opportunityId, t)
                        is { } o && (caller is null || OpportunityReach.Check(opportunityId, o.State, caller, OpportunityTransfer, TeamNeed.None) is null))
                        opportunities.Add(o);
                }
            }
            var contracts = new List<(ContractState State, long Version)>();
            if (command.CascadeToContracts && state.Exists)
            {
                foreach (var contractId in contractIds = await contractQueries.OpenIdsOfCustomerAsync(id, t))
                {
                    // Only the contracts the caller could transfer themselves move; the others stay with their owner.
                    if (await store.LoadAsync(Contract.Decider, contractId, t) is { } k
                        && (caller is null || ContractReach.Check(contractId, k.State, caller, ContractTransfer, TeamNeed.None) is null))
                        contracts.Add(k);
                }
            }
            var decision = CustomerTransfer.Decide(command, state, contacts.Select(c => c.State).ToList(), Context(request),
                opportunities.Select(o => o.State).ToList(), contracts.Select(k => k.State).ToList());
            var versions = contacts.ToDictionary(c => c.State.Id, c => c.Version);
            foreach (var (opportunity, at) in opportunities) versions[opportunity.Id] = at;
            foreach (var (contract, at) in contracts) versions[contract.Id] = at;
            versions[id] = version;
            var everyRecord = (contactIds ?? opportunityIds ?? contractIds) is null ? null
                : cascadeGuard.ForTransfer(id, contactIds, opportunityIds, contractIds);
            return new MultiStreamPlan(decision, versions, version, everyRecord);
        }, request, ct);
}
