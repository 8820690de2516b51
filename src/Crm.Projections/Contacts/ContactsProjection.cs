using Crm.Events;
using Crm.Events.Contacts;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Contacts;

/// <summary>crm.contacts, inline with the contact streams (a cascading transfer moves several in one append).</summary>
public sealed class ContactsProjection() : TableProjection<ContactRow>("crm.contacts", ContactSql.Binder)
{
    public override string Name => "crm.contacts";

    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(ContactCreated).Namespace).Select(e => e.Type).Concat(Attachments.AttachmentEventTypes.All).ToArray();

    protected override ContactRow? Evolve(ContactRow? current, Guid key, StoredEvent e) => ContactRow.Evolve(current, e);
}
