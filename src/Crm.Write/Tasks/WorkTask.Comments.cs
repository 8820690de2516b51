using Crm.Events.Tasks;

namespace Crm.Write.Tasks;

/// <summary>Comments: anyone who reaches the task comments; only the author edits or deletes a comment.</summary>
public static partial class WorkTask
{
    public const int MaxComments = 500;
    public const int CommentLength = 5000;
    public const string CommentNotYoursCode = "comment_not_yours";
    public const int MaxMentions = 20;

    public static Decision Decide(AddComment command, TaskState state, CommandContext context)
    {
        if (Open(state, command.TaskId) is { } refused) return refused;
        if (Text(command.Text) is var (text, invalid) && invalid is not null) return invalid;
        if (state.FindComment(command.CommentId) is not null)
            return DomainError.Conflict("comment_exists", $"Comment {command.CommentId} already exists.", "id");
        if (state.Comments.Count >= MaxComments) return DomainError.Conflict("comments_full", $"A task has at most {MaxComments} comments.");
        if (Mentioned(command.Mentions) is var (mentions, tooMany) && tooMany is not null) return tooMany;
        if (context.ActorId is not { } author) return DomainError.Forbidden(CommentNotYoursCode, "Only a signed-in user writes comments.");
        return Decision.Accept(new TaskCommentAdded(state.Id, command.CommentId, author, text!, mentions is { Count: > 0 } ? mentions : null));
    }

    public static Decision Decide(EditComment command, TaskState state, CommandContext context)
    {
        if (Own(state, command.TaskId, command.CommentId, context) is var (comment, refused) && refused is not null) return refused;
        if (Text(command.Text) is var (text, invalid) && invalid is not null) return invalid;
        if (Mentioned(command.Mentions) is var (mentions, tooMany) && tooMany is not null) return tooMany;
        var added = mentions?.Except(comment!.Mentions).ToList() ?? [];
        var removed = mentions is null ? [] : comment!.Mentions.Except(mentions).ToList();
        if (text == comment!.Text && added.Count == 0 && removed.Count == 0) return Decision.Nothing;
        return Decision.Accept(new TaskCommentEdited(state.Id, comment.Id, comment.Text, text!,
            added.Count > 0 ? added : null, removed.Count > 0 ? removed : null));
    }

    public static Decision Decide(DeleteComment command, TaskState state, CommandContext context) =>
        Own(state, command.TaskId, command.CommentId, context) is var (_, refused) && refused is not null ? refused
        : Decision.Accept(new TaskCommentDeleted(state.Id, command.CommentId));

    /// <summary>
    /// The caller's own live comment. A deleted comment is gone (404, as one that never was); another user's comment is seen by the
    /// caller (it is in the task they reach), so saying it is not theirs hides nothing: 403.
    /// </summary>
    private static (CommentState? Comment, DomainError? Refusal) Own(TaskState state, Guid taskId, Guid commentId, CommandContext context)
    {
        if (Open(state, taskId) is { } refused) return (null, refused);
        if (state.FindComment(commentId) is not { Deleted: false } comment)
            return (null, DomainError.NotFound("comment_not_found", $"Task {taskId} has no comment {commentId}."));
        if (comment.AuthorId != context.ActorId)
            return (null, DomainError.Forbidden(CommentNotYoursCode, "Only its author edits or deletes a comment."));
        return (comment, null);
    }

    /// <summary>The mentioned users once each, in the order named; null when none are named (a comment without mentions).</summary>
    private static (IReadOnlyList<Guid>? Mentions, DomainError? Refusal) Mentioned(IReadOnlyList<Guid>? mentions)
    {
        if (mentions is null) return (null, null);
        var distinct = mentions.Distinct().ToList();
        return distinct.Count > MaxMentions
            ? (null, DomainError.Invalid("mentions", "mentions_too_many", $"A comment mentions at most {MaxMentions} users."))
            : (distinct, null);
    }

    private static (string? Text, DomainError? Refusal) Text(string? value)
    {
        var checks = new FieldChecks();
        var text = checks.Text("text", value, CommentLength, required: true);
        return (text, DomainError.Invalid(checks.Errors));
    }
}
