using Crm.Events;
using Crm.Events.Sales;
using Crm.Projections.Tables;

namespace Crm.Projections.Opportunities;

/// <summary>crm.opportunity_lines, inline: the opportunity's lines, replaced as a whole by each event that writes them.</summary>
public sealed class OpportunityLinesProjection() : LineTableProjection("crm.opportunity_lines", "opportunity_id")
{
    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(OpportunityCreated), typeof(OpportunityLinesChanged), typeof(OpportunityDeleted)];

    protected override (Guid RecordId, IReadOnlyList<OpportunityLine> Lines)? LinesOf(object data) => data switch
    {
        OpportunityCreated x => (x.OpportunityId, x.Lines),
        OpportunityLinesChanged x => (x.OpportunityId, x.Lines),
        OpportunityDeleted x => (x.OpportunityId, []),
        _ => null,
    };
}
