using Crm.Events;
using Crm.Events.Tasks;
using Crm.EventStore;
using Crm.Projections.Tables;

namespace Crm.Projections.Tasks;

/// <summary>crm.tasks, inline with the task streams: a task's subtasks, comments, participants and links live in its row.</summary>
public sealed class TasksProjection() : TableProjection<TaskRow>("crm.tasks", TaskSql.Binder)
{
    public override string Name => "crm.tasks";

    public override IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => e.Type.Namespace == typeof(TaskCreated).Namespace).Select(e => e.Type).Concat(Attachments.AttachmentEventTypes.All).ToArray();

    protected override TaskRow? Evolve(TaskRow? current, Guid key, StoredEvent e) => TaskRow.Evolve(current, e);
}
