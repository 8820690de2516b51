using Crm.Events;
using Crm.Events.Tasks;

namespace Crm.Write.Tasks;

/// <summary>One subtask as the decider knows it.</summary>
public sealed record SubtaskState(Guid Id, string Title, bool Done);

/// <summary>One comment as the decider knows it: who wrote it, its text, whom it mentions, whether it was deleted.</summary>
public sealed record CommentState(Guid Id, Guid AuthorId, string Text, bool Deleted)
{
    public IReadOnlyList<Guid> Mentions { get; init; } = [];
}

/// <summary>A task as its stream has it (WORK-1).</summary>
public sealed record TaskState(
    bool Exists, Guid Id, TaskFields Fields, Guid OwnerId, IReadOnlyList<Guid> ParticipantIds, IReadOnlyList<RelatedRecord> Related,
    bool Completed, bool Archived, IReadOnlyList<SubtaskState> Subtasks, IReadOnlyList<CommentState> Comments)
{
    public static TaskState None { get; } = new(false, Guid.Empty, new TaskFields("", null, null, TaskPriorities.None, []), Guid.Empty, [], [],
        false, false, [], []);

    public static TaskState Evolve(TaskState state, object @event) => @event switch
    {
        TaskCreated e => new TaskState(true, e.TaskId, e.Fields, e.OwnerId, e.ParticipantIds, e.Related, false, false, [], []),
        TaskEdited e => state with { Fields = state.Fields.Apply(e.Changes) },
        TaskReassigned e => state with { OwnerId = e.OwnerId },
        TaskParticipantsChanged e => state with { ParticipantIds = [.. state.ParticipantIds.Except(e.Removed), .. e.Added] },
        TaskRelatedChanged e => state with { Related = [.. state.Related.Except(e.Unlinked), .. e.Linked] },
        TaskCompleted => state with { Completed = true },
        TaskReopened => state with { Completed = false },
        TaskArchived => state with { Archived = true },
        TaskSubtaskAdded e => state with { Subtasks = [.. state.Subtasks, new SubtaskState(e.SubtaskId, e.Title, false)] },
        TaskSubtaskRenamed e => Subtask(state, e.SubtaskId, s => s with { Title = e.NewTitle }),
        TaskSubtaskCompleted e => Subtask(state, e.SubtaskId, s => s with { Done = true }),
        TaskSubtaskReopened e => Subtask(state, e.SubtaskId, s => s with { Done = false }),
        TaskSubtaskRemoved e => state with { Subtasks = state.Subtasks.Where(s => s.Id != e.SubtaskId).ToList() },
        TaskSubtasksReordered e => state with { Subtasks = e.Order.Select(id => state.Subtasks.First(s => s.Id == id)).ToList() },
        TaskCommentAdded e => state with
        {
            Comments = [.. state.Comments, new CommentState(e.CommentId, e.AuthorId, e.Text, false) { Mentions = e.Mentions ?? [] }],
        },
        TaskCommentEdited e => Comment(state, e.CommentId, c => c with
        {
            Text = e.NewText, Mentions = [.. c.Mentions.Except(e.MentionsRemoved ?? []), .. e.MentionsAdded ?? []],
        }),
        TaskCommentDeleted e => Comment(state, e.CommentId, c => c with { Text = "", Deleted = true }),
        _ => state,
    };

    public SubtaskState? FindSubtask(Guid id) => Subtasks.FirstOrDefault(s => s.Id == id);

    public CommentState? FindComment(Guid id) => Comments.FirstOrDefault(c => c.Id == id);

    private static TaskState Subtask(TaskState state, Guid id, Func<SubtaskState, SubtaskState> change) =>
        state with { Subtasks = state.Subtasks.Select(s => s.Id == id ? change(s) : s).ToList() };

    private static TaskState Comment(TaskState state, Guid id, Func<CommentState, CommentState> change) =>
        state with { Comments = state.Comments.Select(c => c.Id == id ? change(c) : c).ToList() };
}
