using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Targets;

/// <summary>crm.targets, inline: a client reads its own writes, and the one-target-per-key check reads committed rows.</summary>
public sealed class TargetsProjection() : TableProjection<TargetRow>("crm.targets", TargetSql.Binder)
{
    public override string Name => "crm.targets";

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(TargetSet), typeof(TargetChanged), typeof(TargetDeleted)];

    protected override TargetRow? Evolve(TargetRow? current, Guid key, StoredEvent e) => TargetRow.Evolve(current, e);
}
