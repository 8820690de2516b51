using Crm.Events;
using Crm.Events.Tasks;
using Crm.EventStore;

namespace Crm.Projections.Tasks;

/// <summary>A subtask as the read model keeps it, in order.</summary>
public sealed record TaskSubtaskRow(Guid Id, string Title, bool Done);

/// <summary>A comment as the read model keeps it; a deleted one keeps its place, author and time, without its text.</summary>
/// <summary>A comment as lists show it; <paramref name="Mentions"/> is null in rows written before mentions existed.</summary>
public sealed record TaskCommentRow(Guid Id, Guid AuthorId, string? Text, DateTimeOffset At, DateTimeOffset? EditedAt, bool Deleted,
    IReadOnlyList<Guid>? Mentions = null);

/// <summary>A task (WORK-1) as lists, the workbench and the detail view read it; one row of crm.tasks.</summary>
/// <param name="Status">open, completed or archived (<see cref="TaskStatuses"/>).</param>
public sealed record TaskRow(
    Guid Id,
    TaskFields Fields,
    Guid OwnerId,
    IReadOnlyList<Guid> ParticipantIds,
    IReadOnlyList<RelatedRecord> Related,
    string Status,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<TaskSubtaskRow> Subtasks,
    IReadOnlyList<TaskCommentRow> Comments,
    int CommentCount,
    Guid? CreatedBy,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TaskRow? Evolve(TaskRow? row, StoredEvent e)
    {
        if (e.Data is TaskCreated c)
        {
            return new TaskRow(c.TaskId, c.Fields, c.OwnerId, c.ParticipantIds, c.Related, TaskStatuses.Open, null, [], [], 0, e.Metadata.ActorId,
                e.Version, e.Timestamp, e.Timestamp);
        }
        if (row is null) return null;
        var next = e.Data switch
        {
            TaskEdited x => row with { Fields = row.Fields.Apply(x.Changes) },
            TaskReassigned x => row with { OwnerId = x.OwnerId },
            TaskParticipantsChanged x => row with { ParticipantIds = [.. row.ParticipantIds.Except(x.Removed), .. x.Added] },
            TaskRelatedChanged x => row with { Related = [.. row.Related.Except(x.Unlinked), .. x.Linked] },
            TaskCompleted => row with { Status = TaskStatuses.Completed, CompletedAt = e.Timestamp },
            TaskReopened => row with { Status = TaskStatuses.Open, CompletedAt = null },
            TaskArchived => row with { Status = TaskStatuses.Archived },
            TaskSubtaskAdded x => row with { Subtasks = [.. row.Subtasks, new TaskSubtaskRow(x.SubtaskId, x.Title, false)] },
            TaskSubtaskRenamed x => Subtask(row, x.SubtaskId, s => s with { Title = x.NewTitle }),
            TaskSubtaskCompleted x => Subtask(row, x.SubtaskId, s => s with { Done = true }),
            TaskSubtaskReopened x => Subtask(row, x.SubtaskId, s => s with { Done = false }),
            TaskSubtaskRemoved x => row with { Subtasks = row.Subtasks.Where(s => s.Id != x.SubtaskId).ToList() },
            TaskSubtasksReordered x => row with { Subtasks = x.Order.Select(id => row.Subtasks.First(s => s.Id == id)).ToList() },
            TaskCommentAdded x => row with
            {
                Comments = [.. row.Comments, new TaskCommentRow(x.CommentId, x.AuthorId, x.Text, e.Timestamp, null, false, x.Mentions)],
                CommentCount = row.CommentCount + 1,
            },
            TaskCommentEdited x => Comment(row, x.CommentId, k => k with
            {
                Text = x.NewText, EditedAt = e.Timestamp,
                Mentions = x.MentionsAdded is null && x.MentionsRemoved is null ? k.Mentions
                    : [.. (k.Mentions ?? []).Except(x.MentionsRemoved ?? []), .. x.MentionsAdded ?? []],
            }),
            TaskCommentDeleted x => Comment(row, x.CommentId, k => k with { Text = null, Deleted = true, Mentions = null })
                with { CommentCount = row.CommentCount - 1 },
            _ => row,
        };
        return next with { Version = e.Version, UpdatedAt = e.Timestamp };
    }

    private static TaskRow Subtask(TaskRow row, Guid id, Func<TaskSubtaskRow, TaskSubtaskRow> change) =>
        row with { Subtasks = row.Subtasks.Select(s => s.Id == id ? change(s) : s).ToList() };

    private static TaskRow Comment(TaskRow row, Guid id, Func<TaskCommentRow, TaskCommentRow> change) =>
        row with { Comments = row.Comments.Select(k => k.Id == id ? change(k) : k).ToList() };
}

/// <summary>A task's status values (crm.tasks.status).</summary>
public static class TaskStatuses
{
    public const string Open = "open";
    public const string Completed = "completed";
    public const string Archived = "archived";

    public static IReadOnlyList<string> All { get; } = [Open, Completed, Archived];
}
