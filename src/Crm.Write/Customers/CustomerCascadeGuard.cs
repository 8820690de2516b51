using Crm.EventStore;
using Crm.Projections.Contracts;
using Crm.Projections.Customers;
using Crm.Projections.RecordCare;

namespace Crm.Write.Customers;

/// <summary>
/// A transfer that cascades to the customer's contacts, open opportunities or contracts must see every one of them, also one
/// created while the transfer was deciding. The create checks the customer's version (it read the customer: its owner, the
/// pool), so one that commits after the transfer is refused and decides again on the moved customer; but one that commits
/// between the transfer's read of the lists and its append changes no version the transfer holds. Both therefore take this
/// per-customer lock in their append's transaction: the transfer reads its lists again under it and decides again when they
/// changed, and a create that waited for it meets the moved customer.
/// </summary>
public sealed class CustomerCascadeGuard(CustomerQueries customers, ContractQueries contracts, RecordCareQueries recordCare)
{
    /// <summary>
    /// For the create of a record under <paramref name="customerId"/>: the lock, and the customer still not merged away (a merge takes the
    /// same lock: one committed meanwhile makes the create decide again, and <see cref="RefusalIfMergedAsync"/> then refuses it).
    /// </summary>
    public AppendGuard ForNewRecord(Guid customerId) => new([LockName(customerId)],
        async (connection, tx, ct) => await recordCare.MergedIntoAsync(customerId, connection, tx, ct) is null);

    /// <summary>A customer merged into another takes no new contacts, opportunities or contracts: 409 customer_merged naming the survivor.</summary>
    public async Task<DomainError?> RefusalIfMergedAsync(Guid customerId, CancellationToken ct) =>
        await recordCare.MergedIntoAsync(customerId, null, null, ct) is { } survivor ? Customer.MergedAway(customerId, survivor, "customerId") : null;

    /// <summary>For a transfer's cascades, each list as its decision read it (null: that cascade was not asked for).</summary>
    public AppendGuard ForTransfer(Guid customerId, IReadOnlyList<Guid>? contactIds, IReadOnlyList<Guid>? opportunityIds,
        IReadOnlyList<Guid>? contractIds) => new([LockName(customerId)], async (connection, tx, ct) =>
        (contactIds is null || (await customers.ContactIdsAsync(customerId, connection, tx, ct)).SequenceEqual(contactIds))
        && (opportunityIds is null || (await customers.OpenOpportunityIdsAsync(customerId, connection, tx, ct)).SequenceEqual(opportunityIds))
        && (contractIds is null || (await contracts.OpenIdsOfCustomerAsync(customerId, connection, tx, ct)).SequenceEqual(contractIds)));

    /// <summary>
    /// For a merge (SET-4) of <paramref name="customerId"/> into another: its contacts as the decision read them, and still no opportunity
    /// or contract (<paramref name="stillNoDeals"/>): a record created under it meanwhile makes the merge decide again.
    /// </summary>
    public AppendGuard ForMerge(Guid customerId, IReadOnlyList<Guid> contactIds,
        Func<Npgsql.NpgsqlConnection, Npgsql.NpgsqlTransaction, CancellationToken, Task<bool>> stillNoDeals) =>
        new([LockName(customerId)], async (connection, tx, ct) =>
            (await customers.ContactIdsAsync(customerId, connection, tx, ct)).SequenceEqual(contactIds) && await stillNoDeals(connection, tx, ct));

    private static string LockName(Guid customerId) => $"customer-records:{customerId}";
}
