using Crm.Events;
using Crm.Events.Workflows;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Workflows;

/// <summary>crm.workflows, inline with the workflow stream.</summary>
public sealed class WorkflowsProjection() : TableProjection<WorkflowRow>("crm.workflows", WorkflowSql.Binder)
{
    public override string Name => "crm.workflows";

    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(WorkflowCreated).Namespace).Select(e => e.Type).ToArray();

    protected override WorkflowRow? Evolve(WorkflowRow? current, Guid key, StoredEvent e) => WorkflowRow.Evolve(current, e);
}
