using Crm.Events;
using Crm.Events.Tasks;
using Crm.Write.Tasks;

namespace Crm.Write.Tests.Tasks;

/// <summary>A task as the task decider tests give it.</summary>
internal static class TaskSpecification
{
    public static readonly Guid Id = Guid.CreateVersion7();
    public static readonly Guid Owner = Guid.CreateVersion7();
    public static readonly Guid Colleague = Guid.CreateVersion7();
    public static readonly Guid Customer = Guid.CreateVersion7();
    public static readonly RelatedRecord AboutCustomer = new("customer", Customer);

    public static readonly TaskCreated Created = new(Id, new TaskFields("Call Acme", null, null, TaskPriorities.None, []), Owner, [Colleague],
        [AboutCustomer]);

    public static TaskState Given(params object[] events) => WorkTask.Decider.Fold(WorkTask.Decider.Initial, events);
}
