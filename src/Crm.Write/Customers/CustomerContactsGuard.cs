using Crm.EventStore;
using Crm.Projections.Customers;

namespace Crm.Write.Customers;

/// <summary>
/// A transfer that cascades to the customer's contacts must move every one of them, also a contact added while the transfer was
/// deciding. The contact's create checks the customer's version (it read the customer's owner), so a create that commits after
/// the transfer is refused and decides again with the new owner; but one that commits between the transfer's read of the list
/// and its append changes no version the transfer holds. Both take this lock in their append's transaction: the transfer then
/// reads the list again under it and decides again when a contact came, and a create waiting for it meets the moved customer.
/// </summary>
public sealed class CustomerContactsGuard(CustomerQueries customers)
{
    /// <summary>For a contact's create under <paramref name="customerId"/>: the lock only (its check on the customer does the rest).</summary>
    public AppendGuard ForNewContact(Guid customerId) => new([LockName(customerId)], (_, _, _) => Task.FromResult(true));

    /// <summary>For a cascade over <paramref name="contactIds"/>, the customer's contacts as the decision read them.</summary>
    public AppendGuard ForCascade(Guid customerId, IReadOnlyList<Guid> contactIds) => new([LockName(customerId)], async (connection, tx, ct) =>
        (await customers.ContactIdsAsync(customerId, connection, tx, ct)).SequenceEqual(contactIds));

    private static string LockName(Guid customerId) => $"customer-contacts:{customerId}";
}
