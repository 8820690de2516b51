using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Opportunities;

/// <summary>crm.opportunities, inline: a client reads its own writes.</summary>
public sealed class OpportunitiesProjection() : TableProjection<OpportunityRow>("crm.opportunities", OpportunitySql.Binder)
{
    public override string Name => "crm.opportunities";

    // Every opportunity event, team and follow-up ones included: each moves the row's version (the ETag).
    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(OpportunityCreated).Namespace && e.Type.Name.StartsWith("Opportunity", StringComparison.Ordinal))
        .Select(e => e.Type).Concat(Attachments.AttachmentEventTypes.All).ToArray();

    protected override OpportunityRow? Evolve(OpportunityRow? current, Guid key, StoredEvent e) => OpportunityRow.Evolve(current, e);
}
