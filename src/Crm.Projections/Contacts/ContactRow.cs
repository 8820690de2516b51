using Crm.Events;
using Crm.Events.Contacts;
using Crm.EventStore;

namespace Crm.Projections.Contacts;

/// <summary>A contact as lists and the detail view show it; one row of crm.contacts.</summary>
public sealed record ContactRow(
    Guid Id,
    Guid CustomerId,
    ContactFields Fields,
    Guid OwnerId,
    Guid? DepartmentId,
    DateTimeOffset? LastFollowUpAt,
    DateTimeOffset? NextContactAt,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ContactRow? Evolve(ContactRow? row, StoredEvent e)
    {
        if (e.Data is ContactCreated c) return new ContactRow(c.ContactId, c.CustomerId, c.Fields, c.OwnerId, null, null, null, e.Version, e.Timestamp,
            e.Timestamp);
        if (row is null) return null;
        var next = e.Data switch
        {
            ContactEdited x => row with { Fields = row.Fields.Apply(x.Changes) },
            ContactFollowedUp x => row with { LastFollowUpAt = e.Timestamp, NextContactAt = x.NextContactAt ?? row.NextContactAt },
            ContactTransferred x => row with { OwnerId = x.OwnerId },
            ContactCustomerChanged x => row with { CustomerId = x.CustomerId },
            // The earlier events are masked in the same transaction; the row says so too, so a rebuild from them gives the same row.
            ContactPersonalDataErased => row with { Fields = row.Fields.Erased() },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }
}
