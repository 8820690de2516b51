using Crm.Events;
using Crm.Events.Contacts;
using Crm.EventStore;
using Crm.Projections.Org;
using Crm.Projections.RecordCare;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Contacts;

/// <summary>A contact's operation log, read straight from its stream.</summary>
public static class ContactHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<StoredEvent> events) => events.Select(Entry).ToList();

    private static HistoryEntry Entry(StoredEvent e)
    {
        var (action, changes) = e.Data switch
        {
            ContactCreated x => ("created", [.. ContactFields.Names.Select(n => new Change(n, null, x.Fields.Get(n))).Where(c => c.New is not null),
                new Change("customerId", null, x.CustomerId.ToString()), new Change("ownerId", null, x.OwnerId.ToString())]),
            ContactEdited { RestoredFromVersion: { } from } x => ("restored",
                [Restored.Cause(from), .. x.Changes.Select(c => new Change(c.Field, c.Old, c.New))]),
            ContactEdited x => ("edited", x.Changes.Select(c => new Change(c.Field, c.Old, c.New)).ToArray()),
            ContactFollowedUp x => ("followed_up", [new Change("followUp", null, $"{x.Kind}: {x.Content}"), new Change("nextContactAt", null,
                x.NextContactAt?.ToString("O"))]),
            ContactTransferred x => ("transferred", [new Change("ownerId", x.PreviousOwnerId.ToString(), x.OwnerId.ToString())]),
            ContactCustomerChanged x => ("customer_changed", [new Change("customerId", x.PreviousCustomerId.ToString(), x.CustomerId.ToString())]),
            ContactPersonalDataErased x => ("personal_data_erased", Customers.ErasureChanges.Of(x.Reason, x.Fields)),
            _ => Attachments.AttachmentHistory.Of(e) ?? (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }
}
