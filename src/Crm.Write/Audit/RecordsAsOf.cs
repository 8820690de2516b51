using Crm.EventStore;
using Crm.Write.Access;
using Crm.Write.Contacts;
using Crm.Write.Contracts;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Crm.Write.Opportunities;

namespace Crm.Write.Audit;

/// <summary>A record as the access policy saw it at a moment, the version its stream had then, and (for a contact) its customer then.</summary>
public sealed record RecordThen(RecordOnFile Record, long Version, RecordOnFile? Customer = null);

/// <summary>
/// Folds a record's stream up to a moment with its own decider and hands the state to the same <c>OnFile</c> mapping its
/// <c>&lt;Kind&gt;Reach</c> applies to commands: the owner, pool and team the access policy saw then. Null when the record did not
/// exist at that moment (not created yet, deleted by then, or a stream of another kind).
/// </summary>
public sealed class RecordsAsOf(EventStore.EventStore store)
{
    /// <summary>The kinds answered, each with the permission that reads one record (its detail).</summary>
    public static IReadOnlyDictionary<string, string> DetailPermissions { get; } = new Dictionary<string, string>
    {
        [CustomerReach.Kind] = "customer.detail",
        [LeadReach.Kind] = "lead.detail",
        [ContactReach.Kind] = "contact.detail",
        [OpportunityReach.Kind] = "opportunity.detail",
        [ContractReach.Kind] = "contract.detail",
    };

    public async Task<RecordThen?> ReadAsync(string kind, Guid id, DateTimeOffset asOf, CancellationToken ct)
    {
        switch (kind)
        {
            case CustomerReach.Kind:
                return Then(await FoldAsync(Customer.Decider, id, asOf, ct), s => s.Exists, s => CustomerReach.OnFile(id, s));
            case LeadReach.Kind:
                return Then(await FoldAsync(Lead.Decider, id, asOf, ct), s => s.Exists, s => LeadReach.OnFile(id, s));
            case OpportunityReach.Kind:
                return Then(await FoldAsync(Opportunity.Decider, id, asOf, ct), s => s.Exists, s => OpportunityReach.OnFile(id, s));
            case ContractReach.Kind:
                return Then(await FoldAsync(Contract.Decider, id, asOf, ct), s => s.Exists, s => ContractReach.OnFile(id, s));
            case ContactReach.Kind:
                var contact = await FoldAsync(Contact.Decider, id, asOf, ct);
                if (contact is not ({ Exists: true } state, var version)) return null;
                // A contact is also reached through its customer's owner and team as they were at the same moment.
                var customerThen = await FoldAsync(Customer.Decider, state.CustomerId, asOf, ct);
                var customer = CustomerReach.OnFile(state.CustomerId, customerThen?.State ?? Customer.Decider.Initial);
                return new RecordThen(ContactReach.OnFile(id, state.OwnerId, customer), version, customer);
            default:
                throw new ArgumentException($"'{kind}' is not a record kind access is answered for.", nameof(kind));
        }
    }

    private Task<(TState State, long Version)?> FoldAsync<TState>(Decider<TState> decider, Guid id, DateTimeOffset asOf, CancellationToken ct) =>
        store.AggregateStreamAsync(id, decider.Initial, (s, e) => decider.Evolve(s, e.Data), asOf: asOf, ct: ct);

    private static RecordThen? Then<TState>((TState State, long Version)? folded, Func<TState, bool> exists, Func<TState, RecordOnFile> onFile) =>
        folded is ({ } state, var version) && exists(state) ? new RecordThen(onFile(state), version) : null;
}
