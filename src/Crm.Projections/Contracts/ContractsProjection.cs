using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Contracts;

/// <summary>crm.contracts, inline: a client reads its own writes, and the number's unique index holds at once.</summary>
public sealed class ContractsProjection() : TableProjection<ContractRow>("crm.contracts", ContractSql.Binder)
{
    public override string Name => "crm.contracts";

    /// <summary>Every event of a contract's stream, team and plan ones included: each moves the row's version (the ETag).</summary>
    public static IReadOnlyCollection<Type> StreamEvents { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(ContractCreated).Namespace
            && (e.Type.Name.StartsWith("Contract", StringComparison.Ordinal) || e.Type.Name.StartsWith("PaymentPlan", StringComparison.Ordinal)))
        .Select(e => e.Type).Concat(Attachments.AttachmentEventTypes.All).ToArray();

    public override IReadOnlyCollection<Type> EventTypes => StreamEvents;

    protected override ContractRow? Evolve(ContractRow? current, Guid key, StoredEvent e) => ContractRow.Evolve(current, e);
}
