using Crm.Events;
using Crm.Events.Leads;
using Crm.EventStore;
using Crm.Projections.Org;
using Crm.Projections.RecordCare;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Leads;

/// <summary>A lead's operation log, read straight from its stream.</summary>
public static class LeadHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            LeadCreated x => ("created", [.. LeadFields.Names.Select(n => new Change(n, null, x.Fields.Get(n))).Where(c => c.New is not null),
                new Change("ownerId", null, x.OwnerId.ToString())]),
            LeadEdited { RestoredFromVersion: { } from } x => ("restored", [Restored.Cause(from), .. x.Changes.Select(c => new Change(c.Field, c.Old, c.New))]),
            LeadEdited x => ("edited", x.Changes.Select(c => new Change(c.Field, c.Old, c.New)).ToArray()),
            LeadFollowedUp x => ("followed_up", [new Change("followUp", null, $"{x.Kind}: {x.Content}"), new Change("nextContactAt", null,
                x.NextContactAt?.ToString("O"))]),
            LeadTransferred x => ("transferred", [new Change("ownerId", x.PreviousOwnerId.ToString(), x.OwnerId.ToString())]),
            LeadConverted x => ("converted", [new Change("customerId", null, x.CustomerId.ToString()), new Change("contactId", null, x.ContactId?.ToString())]),
            LeadPutInPool x => ("put_in_pool", [new Change("ownerId", x.PreviousOwnerId.ToString(), null)]),
            LeadClaimed x => ("claimed", [new Change("ownerId", null, x.OwnerId.ToString())]),
            LeadPersonalDataErased x => ("personal_data_erased", Customers.ErasureChanges.Of(x.Reason, x.Fields)),
            _ => Attachments.AttachmentHistory.Of(e) ?? (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }
}
