using Crm.Events.Org;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Org;

/// <summary>org.positions, inline: the cycle and "still in use" checks see every committed change.</summary>
public sealed class PositionsProjection() : TableProjection<PositionRow>("org.positions", PositionSql.Binder)
{
    public override string Name => "org.positions";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(PositionCreated), typeof(PositionRenamed), typeof(PositionDepartmentChanged), typeof(PositionSuperiorChanged), typeof(PositionDeleted)];

    protected override PositionRow? Evolve(PositionRow? current, Guid key, StoredEvent e) => PositionRow.Evolve(current, e);
}
