using Crm.Events;
using Crm.Projections.Tasks;
using Crm.Write.Access;

namespace Crm.Write.Tasks;

/// <summary>
/// Tasks as the access policy sees them: reached through their owner (the caller's data scope, as customers), and by their
/// participants as read-only team members — they read, complete, comment and tick subtasks (TeamNeed.Read), but a change of the
/// task itself (TeamNeed.ReadWrite) answers 403 team_read_only. Seeing a related record grants nothing.
/// </summary>
public sealed class TaskReach(TaskQueries tasks)
{
    public const string Kind = "task";

    /// <summary>For reads: the task's current row when the caller reaches it; else the refusal (404 task_not_found when hidden).</summary>
    public async Task<(TaskRow? Row, DomainError? Refusal)> CheckAsync(Guid id, Caller caller, string permission, TeamNeed team, CancellationToken ct)
    {
        var row = await tasks.GetAsync(id, ct);
        var refusal = RecordAccess.Reach(caller, row is null ? RecordOnFile.Missing(Kind, id) : OnFile(id, row.OwnerId, row.ParticipantIds),
            permission, team);
        return refusal is null ? (row, null) : (null, refusal);
    }

    /// <summary>For commands: the rule applied to the task as its stream has it, inside the command's cycle.</summary>
    public static DomainError? Check(Guid id, TaskState state, Caller caller, string permission, TeamNeed team) =>
        RecordAccess.Reach(caller, state.Exists ? OnFile(id, state.OwnerId, state.ParticipantIds) : RecordOnFile.Missing(Kind, id), permission, team);

    private static RecordOnFile OnFile(Guid id, Guid owner, IReadOnlyList<Guid> participants) => new(Kind, id, true, owner)
    {
        Team = participants.Distinct().ToDictionary(p => p, _ => TeamAccess.Read),
    };
}
