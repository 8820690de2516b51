using Crm.Events;
using Crm.Events.Leads;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Leads;

/// <summary>crm.leads, inline with the lead stream.</summary>
public sealed class LeadsProjection() : TableProjection<LeadRow>("crm.leads", LeadSql.Binder)
{
    public override string Name => "crm.leads";

    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(LeadCreated).Namespace).Select(e => e.Type).Concat(Attachments.AttachmentEventTypes.All).ToArray();

    protected override LeadRow? Evolve(LeadRow? current, Guid key, StoredEvent e) => LeadRow.Evolve(current, e);
}
