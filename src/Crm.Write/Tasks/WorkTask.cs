using Crm.Events;
using Crm.Events.Tasks;

namespace Crm.Write.Tasks;

/// <summary>
/// The task decider (WORK-1): one task per stream, with its subtasks and comments in the same stream. Pure: the owner, the
/// participants and the related records are checked by <see cref="TaskHandler"/> before a decision.
/// </summary>
public static partial class WorkTask
{
    public const string StreamType = "task";
    public const int MaxParticipants = 20;
    public const int MaxRelated = 20;

    public static Decider<TaskState> Decider { get; } = new(StreamType, TaskState.None, TaskState.Evolve);

    public static Decision Decide(CreateTask command, TaskState state, CommandContext context)
    {
        if (state.Exists) return DomainError.Conflict("task_exists", $"Task {command.TaskId} already exists.", "id");
        var (fields, invalid) = command.Fields.Validate();
        if (invalid is not null) return invalid;
        if (Lists(command.ParticipantIds, command.Related) is { } tooMany) return tooMany;
        return Decision.Accept(new TaskCreated(command.TaskId, fields!, command.OwnerId, command.ParticipantIds.Distinct().ToList(),
            command.Related.Distinct().ToList()));
    }

    public static Decision Decide(EditTask command, TaskState state, CommandContext context)
    {
        if (Open(state, command.TaskId) is { } refused) return refused;
        var (fields, invalid) = command.Fields.Over(state.Fields).Validate();
        if (invalid is not null) return invalid;
        if (Lists(command.ParticipantIds ?? [], command.Related ?? []) is { } tooMany) return tooMany;
        var events = new List<object>();
        var changes = state.Fields.ChangesTo(fields!);
        if (changes.Count > 0) events.Add(new TaskEdited(state.Id, changes));
        if (command.OwnerId is { } owner && owner != state.OwnerId) events.Add(new TaskReassigned(state.Id, owner, state.OwnerId));
        if (command.ParticipantIds is { } participants)
        {
            var wanted = participants.Distinct().ToList();
            var (added, removed) = (wanted.Except(state.ParticipantIds).ToList(), state.ParticipantIds.Except(wanted).ToList());
            if (added.Count + removed.Count > 0) events.Add(new TaskParticipantsChanged(state.Id, added, removed));
        }
        if (command.Related is { } related)
        {
            var wanted = related.Distinct().ToList();
            var (linked, unlinked) = (wanted.Except(state.Related).ToList(), state.Related.Except(wanted).ToList());
            if (linked.Count + unlinked.Count > 0) events.Add(new TaskRelatedChanged(state.Id, linked, unlinked));
        }
        return events.Count == 0 ? Decision.Nothing : Decision.Accept([.. events]);
    }

    public static Decision Decide(CompleteTask command, TaskState state, CommandContext context) =>
        Open(state, command.TaskId) ?? (state.Completed ? Decision.Nothing : Decision.Accept(new TaskCompleted(state.Id)));

    public static Decision Decide(ReopenTask command, TaskState state, CommandContext context) =>
        Open(state, command.TaskId) ?? (state.Completed ? Decision.Accept(new TaskReopened(state.Id)) : Decision.Nothing);

    /// <summary>Archiving an archived task again changes nothing (DELETE is idempotent).</summary>
    public static Decision Decide(ArchiveTask command, TaskState state, CommandContext context) =>
        !state.Exists ? NotFound(command.TaskId) : state.Archived ? Decision.Nothing : Decision.Accept(new TaskArchived(state.Id));

    /// <summary>A workbench move: the due date the bucket gives, then done or open as the bucket says.</summary>
    public static Decision Decide(MoveTask command, TaskState state, CommandContext context)
    {
        if (Open(state, command.TaskId) is { } refused) return refused;
        var events = new List<object>();
        var changes = state.Fields.ChangesTo(state.Fields with { DueAt = command.DueAt });
        if (!command.Done && changes.Count > 0) events.Add(new TaskEdited(state.Id, changes));
        if (command.Done && !state.Completed) events.Add(new TaskCompleted(state.Id));
        if (!command.Done && state.Completed) events.Add(new TaskReopened(state.Id));
        return events.Count == 0 ? Decision.Nothing : Decision.Accept([.. events]);
    }

    /// <summary>Null when the task exists and is not archived; else its refusal.</summary>
    private static DomainError? Open(TaskState state, Guid id) =>
        !state.Exists ? NotFound(id)
        : state.Archived ? DomainError.Conflict("task_archived", $"Task {id} is archived: it takes no more changes.")
        : null;

    private static DomainError? Lists(IReadOnlyList<Guid> participants, IReadOnlyList<RelatedRecord> related)
    {
        var checks = new FieldChecks();
        if (participants.Distinct().Count() > MaxParticipants)
            checks.Fail("participantIds", "participants_too_many", $"participantIds: at most {MaxParticipants} users.");
        if (related.Distinct().Count() > MaxRelated) checks.Fail("related", "related_too_many", $"related: at most {MaxRelated} records.");
        return DomainError.Invalid(checks.Errors);
    }

    internal static DomainError NotFound(Guid id) =>
        DomainError.NotFound("task_not_found", $"Task {id} does not exist (at that version or moment) or is outside your data scope.");
}
