using Crm.Host.Org;
using Crm.Projections.Customers;
using Crm.Write;
using Crm.Write.Contacts;
using Crm.Write.Customers;

namespace Crm.Host.Customers;

/// <summary>
/// Hands a disabled user's customers over (ORG-3): each is a customer.transferred event with its
/// contacts and its open opportunities the leaver held cascading in the same transaction, so every
/// record's history shows the move. Repeating a
/// hand-over finds nothing left to move. Pool customers have no owner and stay in the pool.
/// </summary>
public sealed class CustomerHandOver(CustomerHandler customers, HandOverQueries owned) : IRecordsHandOver
{
    public string Module => "customers";

    public async Task<int> HandOverAsync(Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct)
    {
        var each = Each(request);
        var moved = 0;
        foreach (var id in await owned.CustomersOwnedByAsync(fromUserId, ct))
        {
            var outcome = await customers.HandOverAsync(new TransferCustomer(id, toUserId, CascadeToContacts: true, CascadeToOpportunities: true), each, ct);
            if (outcome.Succeeded && outcome.Events.Count > 0) moved++;
        }
        return moved;
    }

    /// <summary>The hand-over's actor and ids, without its idempotency key (that belongs to the hand-over, not to each record).</summary>
    internal static CommandRequest Each(CommandRequest request) => request with { IdempotencyKey = null, RequestHash = null, ExpectedVersion = null };
}

/// <summary>Hands over the contacts the user still owns after the customers moved (contacts of other owners' customers).</summary>
public sealed class ContactHandOver(ContactHandler contacts, HandOverQueries owned) : IRecordsHandOver
{
    public string Module => "contacts";

    public async Task<int> HandOverAsync(Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct)
    {
        var each = CustomerHandOver.Each(request);
        var moved = 0;
        foreach (var id in await owned.ContactsOwnedByAsync(fromUserId, ct))
        {
            var outcome = await contacts.HandOverAsync(new HandOverContact(id, fromUserId, toUserId), each, ct);
            if (outcome.Succeeded && outcome.Events.Count > 0) moved++;
        }
        return moved;
    }
}
