using Crm.Events;
using Crm.Events.Sales;
using Crm.Projections.Tables;

namespace Crm.Projections.Contracts;

/// <summary>crm.contract_lines, inline: the contract's lines, replaced as a whole by each event that writes them.</summary>
public sealed class ContractLinesProjection() : LineTableProjection("crm.contract_lines", "contract_id")
{
    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ContractCreated), typeof(ContractLinesChanged), typeof(ContractDeleted)];

    protected override (Guid RecordId, IReadOnlyList<OpportunityLine> Lines)? LinesOf(object data) => data switch
    {
        ContractCreated x => (x.ContractId, x.Lines),
        ContractLinesChanged x => (x.ContractId, x.Lines),
        ContractDeleted x => (x.ContractId, []),
        _ => null,
    };
}
