using Crm.Events;

namespace Crm.Write.Tasks;

/// <summary>A new task, its owner, participants and related records already checked by the handler.</summary>
public sealed record CreateTask(Guid TaskId, TaskInput Fields, Guid OwnerId, IReadOnlyList<Guid> ParticipantIds, IReadOnlyList<RelatedRecord> Related);

/// <summary>
/// A change of a task: the fields sent (null: leave), and the owner, participants and related records when sent (already checked;
/// <paramref name="Related"/> is the whole new list, the links the caller cannot see kept by the handler).
/// </summary>
public sealed record EditTask(Guid TaskId, TaskInput Fields, Guid? OwnerId = null, IReadOnlyList<Guid>? ParticipantIds = null,
    IReadOnlyList<RelatedRecord>? Related = null);

public sealed record CompleteTask(Guid TaskId);

public sealed record ReopenTask(Guid TaskId);

public sealed record ArchiveTask(Guid TaskId);

/// <summary>A workbench move: the due date the bucket gives (null: none) and whether the task ends done or open.</summary>
public sealed record MoveTask(Guid TaskId, DateTimeOffset? DueAt, bool Done);

public sealed record AddSubtask(Guid TaskId, Guid SubtaskId, string? Title);

public sealed record RenameSubtask(Guid TaskId, Guid SubtaskId, string? Title);

public sealed record CompleteSubtask(Guid TaskId, Guid SubtaskId);

public sealed record ReopenSubtask(Guid TaskId, Guid SubtaskId);

public sealed record RemoveSubtask(Guid TaskId, Guid SubtaskId);

public sealed record ReorderSubtasks(Guid TaskId, IReadOnlyList<Guid>? Order);

/// <summary>A comment; <paramref name="Mentions"/> are the users it mentions (each must see the task).</summary>
public sealed record AddComment(Guid TaskId, Guid CommentId, string? Text, IReadOnlyList<Guid>? Mentions = null);

/// <summary>A new text; <paramref name="Mentions"/>, when given, the users it mentions from now on (null keeps them).</summary>
public sealed record EditComment(Guid TaskId, Guid CommentId, string? Text, IReadOnlyList<Guid>? Mentions = null);

public sealed record DeleteComment(Guid TaskId, Guid CommentId);
