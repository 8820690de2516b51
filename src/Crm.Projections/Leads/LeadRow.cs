using Crm.Events;
using Crm.Events.Leads;
using Crm.EventStore;

namespace Crm.Projections.Leads;

/// <summary>A lead as lists and the detail view show it; one row of crm.leads.</summary>
public sealed record LeadRow(
    Guid Id,
    LeadFields Fields,
    Guid? OwnerId,
    Guid? DepartmentId,
    Guid? ConvertedCustomerId,
    Guid? ConvertedContactId,
    DateTimeOffset? ConvertedAt,
    DateTimeOffset? LastFollowUpAt,
    DateTimeOffset? NextContactAt,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static LeadRow? Evolve(LeadRow? row, StoredEvent e)
    {
        if (e.Data is LeadCreated c) return new LeadRow(c.LeadId, c.Fields, c.OwnerId, null, null, null, null, null, null, e.Version, e.Timestamp, e.Timestamp);
        if (row is null) return null;
        var next = e.Data switch
        {
            LeadEdited x => row with { Fields = row.Fields.Apply(x.Changes) },
            LeadFollowedUp x => row with { LastFollowUpAt = e.Timestamp, NextContactAt = x.NextContactAt ?? row.NextContactAt },
            LeadTransferred x => row with { OwnerId = x.OwnerId },
            LeadConverted x => row with { ConvertedCustomerId = x.CustomerId, ConvertedContactId = x.ContactId, ConvertedAt = e.Timestamp },
            LeadPutInPool => row with { OwnerId = null },
            LeadClaimed x => row with { OwnerId = x.OwnerId },
            // The earlier events are masked in the same transaction; the row says so too, so a rebuild from them gives the same row.
            LeadPersonalDataErased => row with { Fields = row.Fields.Erased() },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }
}
