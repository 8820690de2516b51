using Crm.Events;
using Crm.Events.Customers;
using Crm.EventStore;

namespace Crm.Projections.Customers;

/// <summary>A customer as lists and the detail view show it; one row of crm.customers.</summary>
public sealed record CustomerRow(
    Guid Id,
    CustomerFields Fields,
    Guid? OwnerId,
    Guid? DepartmentId,
    Guid? PreviousOwnerId,
    bool Locked,
    Guid? LeadId,
    string FollowUpStatus,
    DateTimeOffset? LastFollowUpAt,
    DateTimeOffset? NextContactAt,
    DateTimeOffset? OwnedSince,
    DateTimeOffset? PoolEnteredAt,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const string New = "new";
    public const string InCommunication = "in_communication";

    /// <summary>
    /// Shown, never stored: a customer with a deal that still counts (a row of crm.customer_deals) has closed a deal. Deals come from
    /// other streams, so the customer's own fold cannot know them; deriving it where lastDealAt is read keeps one source for both.
    /// </summary>
    public const string ClosedDeal = "closed_deal";

    /// <summary>The follow-up status as the API shows it: closed_deal while the customer has a deal, else new or in_communication.</summary>
    public string FollowUpStatusShown(bool hasDeal) => hasDeal ? ClosedDeal : FollowUpStatus;

    /// <summary>The same over crm.customers aliased <paramref name="alias"/>, for filters.</summary>
    public static string FollowUpStatusShownSql(string alias) =>
        $"(case when exists (select 1 from crm.customer_deals d where d.customer_id = {alias}.id) then '{ClosedDeal}' else {alias}.follow_up_status end)";

    public bool InPool => OwnerId is null;

    /// <summary>The one fold of the customer read model, shared by the projection and time travel.</summary>
    public static CustomerRow? Evolve(CustomerRow? row, StoredEvent e)
    {
        if (e.Data is CustomerCreated c)
            return new CustomerRow(c.CustomerId, c.Fields, c.OwnerId, null, null, false, c.LeadId, New, null, null, c.At, null, e.Version, e.Timestamp,
                e.Timestamp);
        if (row is null) return null;
        var next = e.Data switch
        {
            CustomerEdited x => row with { Fields = row.Fields.Apply(x.Changes) },
            CustomerFollowedUp x => row with
            {
                FollowUpStatus = row.FollowUpStatus == New ? InCommunication : row.FollowUpStatus,
                LastFollowUpAt = row.LastFollowUpAt is { } last && last > x.At ? last : x.At,
                NextContactAt = x.NextContactAt ?? row.NextContactAt,
            },
            CustomerTransferred x => Owned(row, x.OwnerId, x.At),
            CustomerClaimed x => Owned(row, x.OwnerId, x.At),
            CustomerAssigned x => Owned(row, x.OwnerId, x.At),
            CustomerPutInPool x => ToPool(row, x.At),
            CustomerRecycled x => ToPool(row, x.At),
            CustomerLocked => row with { Locked = true },
            CustomerUnlocked => row with { Locked = false },
            // The earlier events are masked in the same transaction; the row says so too, so a rebuild from them gives the same row.
            CustomerPersonalDataErased => row with { Fields = row.Fields.Erased() },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }

    private static CustomerRow Owned(CustomerRow row, Guid owner, DateTimeOffset at) =>
        row with { PreviousOwnerId = row.OwnerId ?? row.PreviousOwnerId, OwnerId = owner, OwnedSince = at, PoolEnteredAt = null };

    private static CustomerRow ToPool(CustomerRow row, DateTimeOffset at) =>
        row with { PreviousOwnerId = row.OwnerId, OwnerId = null, OwnedSince = null, PoolEnteredAt = at };
}
