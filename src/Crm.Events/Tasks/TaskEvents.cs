namespace Crm.Events.Tasks;

/// <summary>A task was created (WORK-1).</summary>
public sealed record TaskCreated(Guid TaskId, TaskFields Fields, Guid OwnerId, IReadOnlyList<Guid> ParticipantIds,
    IReadOnlyList<RelatedRecord> Related);

/// <summary>Fields of a task changed (name, description, dueAt, priority, tags); each change names the field, old → new.</summary>
public sealed record TaskEdited(Guid TaskId, IReadOnlyList<FieldChange> Changes);

/// <summary>The task went to another owner.</summary>
public sealed record TaskReassigned(Guid TaskId, Guid OwnerId, Guid PreviousOwnerId);

/// <summary>Users became, or stopped being, participants of the task.</summary>
public sealed record TaskParticipantsChanged(Guid TaskId, IReadOnlyList<Guid> Added, IReadOnlyList<Guid> Removed);

/// <summary>Records the task is about were linked or unlinked.</summary>
public sealed record TaskRelatedChanged(Guid TaskId, IReadOnlyList<RelatedRecord> Linked, IReadOnlyList<RelatedRecord> Unlinked);

public sealed record TaskCompleted(Guid TaskId);

public sealed record TaskReopened(Guid TaskId);

/// <summary>The task was archived (DELETE): it leaves lists and the workbench and takes no more changes; its history stays.</summary>
public sealed record TaskArchived(Guid TaskId);

/// <summary>A subtask was added at the end of the list.</summary>
public sealed record TaskSubtaskAdded(Guid TaskId, Guid SubtaskId, string Title);

public sealed record TaskSubtaskRenamed(Guid TaskId, Guid SubtaskId, string OldTitle, string NewTitle);

public sealed record TaskSubtaskCompleted(Guid TaskId, Guid SubtaskId);

public sealed record TaskSubtaskReopened(Guid TaskId, Guid SubtaskId);

public sealed record TaskSubtaskRemoved(Guid TaskId, Guid SubtaskId);

/// <summary>The subtasks in their new order (every subtask's id once).</summary>
public sealed record TaskSubtasksReordered(Guid TaskId, IReadOnlyList<Guid> Order);

/// <summary>
/// A comment on the task; its author is <paramref name="AuthorId"/> (also the event's actor). <paramref name="Mentions"/>: the users
/// it mentions (each could see the task then), who are notified; null in events written before mentions existed.
/// </summary>
public sealed record TaskCommentAdded(Guid TaskId, Guid CommentId, Guid AuthorId, string Text, IReadOnlyList<Guid>? Mentions = null);

/// <summary>The author edited the comment: its text, and the users it mentions from now on (the added ones are notified).</summary>
public sealed record TaskCommentEdited(Guid TaskId, Guid CommentId, string OldText, string NewText,
    IReadOnlyList<Guid>? MentionsAdded = null, IReadOnlyList<Guid>? MentionsRemoved = null);

/// <summary>A comment was deleted by its author: it shows as deleted (no text) in the comments and the history.</summary>
public sealed record TaskCommentDeleted(Guid TaskId, Guid CommentId);
