using Crm.Events.Org;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Org;

/// <summary>
/// org.departments, inline: it commits with the department's events, so a client reads its own
/// writes and the handler's cycle check sees every committed move.
/// </summary>
public sealed class DepartmentsProjection() : TableProjection<DepartmentRow>("org.departments", DepartmentSql.Binder)
{
    public override string Name => "org.departments";

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(DepartmentCreated), typeof(DepartmentRenamed), typeof(DepartmentMoved),
        typeof(DepartmentDeleted)];

    protected override DepartmentRow? Evolve(DepartmentRow? current, Guid key, StoredEvent e) => DepartmentRow.Evolve(current, e);
}
