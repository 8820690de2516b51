using Crm.Events;
using Crm.Host.Platform;
using Crm.Projections.Tasks;
using Crm.Write.Tasks;

namespace Crm.Host.Tasks;

/// <summary>A record a task is about, as sent.</summary>
/// <param name="Kind">customer, contact, opportunity, contract or lead.</param>
/// <param name="Id">A record of that kind you can see (else 422 related_not_found naming related[i]).</param>
public sealed record RelatedRecordRequest([property: MustSend, WireValues(typeof(RelatedRecord), nameof(RelatedRecord.Kinds))] string? Kind,
    [property: MustSend] Guid? Id)
{
    public static IReadOnlyList<RelatedRecord>? Of(IReadOnlyList<RelatedRecordRequest>? links) =>
        links?.Select(l => new RelatedRecord(l.Kind ?? "", l.Id ?? Guid.Empty)).ToList();
}

/// <summary>A new task (WORK-1).</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks a UUID v7 when absent.</param>
/// <param name="Name">Required, at most 200 characters.</param>
/// <param name="DueAt">ISO 8601 date-time with an offset (stored in UTC); absent: no due date.</param>
/// <param name="OwnerId">The responsible user; you by default. Another user must be enabled and inside your task.create data scope.</param>
/// <param name="ParticipantIds">Enabled users, at most 20 (duplicates are dropped).</param>
/// <param name="Related">Records the task is about, at most 20, each one you can see.</param>
public sealed record CreateTaskRequest(Guid? Id, [property: MustSend] string? Name, string? Description, string? DueAt,
    [property: WireValues(typeof(TaskPriorities), nameof(TaskPriorities.All))] string? Priority, IReadOnlyList<string>? Tags, Guid? OwnerId,
    IReadOnlyList<Guid>? ParticipantIds, IReadOnlyList<RelatedRecordRequest>? Related)
{
    public NewTask Command() => new(Id, new TaskInput(Name, Description, DueAt, Priority, Tags), OwnerId, ParticipantIds, RelatedRecordRequest.Of(Related));
}

/// <summary>Changes of a task: only what is sent changes; an empty string clears description or dueAt; lists sent replace the lists.</summary>
/// <param name="Related">The records you see the task about; links to records you cannot see stay as they are.</param>
public sealed record UpdateTaskRequest(string? Name, string? Description, string? DueAt,
    [property: WireValues(typeof(TaskPriorities), nameof(TaskPriorities.All))] string? Priority, IReadOnlyList<string>? Tags, Guid? OwnerId,
    IReadOnlyList<Guid>? ParticipantIds, IReadOnlyList<RelatedRecordRequest>? Related)
{
    public ChangeTask Command(Guid id) =>
        new(id, new TaskInput(Name, Description, DueAt, Priority, Tags), OwnerId, ParticipantIds, RelatedRecordRequest.Of(Related));
}

/// <summary>A workbench move.</summary>
/// <param name="Bucket">inbox (no due date), today, next, later (a due time by the bucket's rule) or done (completes the task).</param>
public sealed record MoveTaskRequest([property: MustSend, WireValues(WorkbenchBuckets.Inbox, WorkbenchBuckets.Today, WorkbenchBuckets.Next,
    WorkbenchBuckets.Later, WorkbenchBuckets.Done)] string? Bucket);

/// <summary>A new subtask, added at the end.</summary>
/// <param name="Id">Optional client-chosen id; new within the task.</param>
/// <param name="Title">Required, at most 200 characters.</param>
public sealed record AddSubtaskRequest(Guid? Id, [property: MustSend] string? Title);

/// <summary>A subtask's new title.</summary>
public sealed record RenameSubtaskRequest([property: MustSend] string? Title);

/// <summary>The subtasks' new order: every subtask's id exactly once.</summary>
public sealed record ReorderSubtasksRequest([property: MustSend] IReadOnlyList<Guid>? Order);

/// <summary>A comment's text (new or edited), at most 5000 characters, and whom it mentions.</summary>
/// <param name="Id">Optional client-chosen id of a new comment; new within the task.</param>
/// <param name="Mentions">
/// Users the comment mentions (at most 20), each notified (task_mentioned); each must be an enabled user who sees the task. On an edit,
/// the whole list from now on (only newly named users are notified); left out, an edit keeps the mentions as they are.
/// </param>
public sealed record CommentRequest(Guid? Id, [property: MustSend] string? Text, IReadOnlyList<Guid>? Mentions = null);

/// <summary>A link of a task: the record's kind and id, or, when you cannot see the record, only its kind (id null, hidden true).</summary>
public sealed record RelatedLinkResponse([property: WireValues(typeof(RelatedRecord), nameof(RelatedRecord.Kinds))] string Kind, Guid? Id, bool Hidden);

/// <summary>A subtask, in the task's order.</summary>
public sealed record SubtaskResponse(Guid Id, string Title, bool Done);

/// <summary>A comment; a deleted one keeps its place with no text.</summary>
/// <param name="Version">The task's version this answer was read at (its ETag): comments live in the task's stream.</param>
/// <param name="Mentions">The users the comment mentions; empty when deleted.</param>
public sealed record CommentResponse(Guid Id, Guid AuthorId, string? Text, IReadOnlyList<Guid> Mentions, DateTimeOffset At, DateTimeOffset? EditedAt,
    bool Deleted, long Version)
{
    public static CommentResponse From(TaskCommentRow c, long version) =>
        new(c.Id, c.AuthorId, c.Text, c.Mentions ?? [], c.At, c.EditedAt, c.Deleted, version);
}

/// <summary>A task's comments, oldest first (at most 500).</summary>
/// <param name="Version">The task's version (its ETag).</param>
public sealed record CommentListResponse(Guid TaskId, IReadOnlyList<CommentResponse> Items, long Version);

/// <summary>A task.</summary>
/// <param name="Bucket">Its workbench bucket now; null when archived.</param>
/// <param name="Version">Its stream version; the same value as the ETag.</param>
public sealed record TaskResponse(
    Guid Id, string Name, string? Description, DateTimeOffset? DueAt,
    [property: WireValues(typeof(TaskPriorities), nameof(TaskPriorities.All))] string Priority, IReadOnlyList<string> Tags, Guid OwnerId,
    IReadOnlyList<Guid> ParticipantIds, IReadOnlyList<RelatedLinkResponse> Related,
    [property: WireValues(typeof(TaskStatuses), nameof(TaskStatuses.All))] string Status, DateTimeOffset? CompletedAt,
    [property: WireValues(WorkbenchBuckets.Inbox, WorkbenchBuckets.Overdue, WorkbenchBuckets.Today, WorkbenchBuckets.Next, WorkbenchBuckets.Later,
        WorkbenchBuckets.Done)] string? Bucket,
    IReadOnlyList<SubtaskResponse> Subtasks, int CommentCount, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One page of tasks.</summary>
public sealed record TaskListResponse(IReadOnlyList<TaskResponse> Items, string? NextCursor);

/// <summary>A task's operation log, oldest first; links to records you cannot see read "kind:hidden".</summary>
public sealed record TaskHistoryResponse(Guid Id, IReadOnlyList<Projections.Org.HistoryEntry> Items);
