using Crm.Host.Customers;
using Crm.Host.Org;
using Crm.Projections.Tasks;
using Crm.Write;
using Crm.Write.Tasks;

namespace Crm.Host.Tasks;

/// <summary>The tasks' part of a hand-over (ORG-3): the leaver's open tasks go to the heir (task.reassigned); done ones stay as history.</summary>
public sealed class TaskHandOver(TaskHandler tasks, TaskQueries owned) : IRecordsHandOver
{
    public string Module => "tasks";

    public async Task<int> HandOverAsync(Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct)
    {
        var each = CustomerHandOver.Each(request);
        var moved = 0;
        foreach (var id in await owned.OpenTasksOwnedByAsync(fromUserId, ct))
        {
            var outcome = await tasks.HandOverAsync(id, fromUserId, toUserId, each, ct);
            if (outcome.Succeeded && outcome.Events.Count > 0) moved++;
        }
        return moved;
    }
}
