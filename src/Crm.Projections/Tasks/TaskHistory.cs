using Crm.Events;
using Crm.Events.Tasks;
using Crm.EventStore;
using Crm.Projections.Org;
using Change = Crm.Projections.Org.FieldChange;

namespace Crm.Projections.Tasks;

/// <summary>
/// A task's operation log, read straight from its stream. A related record the reader may not see reads "kind:hidden", never its
/// id; the text of a comment deleted since reads null in every entry.
/// </summary>
public static class TaskHistory
{
    public const string Hidden = "hidden";

    public static IReadOnlyList<HistoryEntry> Of(IReadOnlyList<StoredEvent> events, Func<RelatedRecord, bool> sees)
    {
        var deleted = events.Select(e => e.Data).OfType<TaskCommentDeleted>().Select(d => d.CommentId).ToHashSet();
        return events.Select(e => Entry(e, sees, deleted)).ToList();
    }

    private static HistoryEntry Entry(StoredEvent e, Func<RelatedRecord, bool> sees, HashSet<Guid> deleted)
    {
        string? Text(Guid comment, string text) => deleted.Contains(comment) ? null : text;
        var (action, changes) = e.Data switch
        {
            TaskCreated x => ("created", [.. TaskFields.Names.Select(n => new Change(n, null, x.Fields.Get(n))).Where(c => c.New is not null),
                new Change("ownerId", null, x.OwnerId.ToString()), new Change("participantIds", null, Ids(x.ParticipantIds)),
                new Change("related", null, Links(x.Related, sees))]),
            TaskEdited x => ("edited", x.Changes.Select(c => new Change(c.Field, c.Old, c.New)).ToArray()),
            TaskReassigned x => ("reassigned", [new Change("ownerId", x.PreviousOwnerId.ToString(), x.OwnerId.ToString())]),
            TaskParticipantsChanged x => ("participants_changed", [new Change("participantIds", Ids(x.Removed), Ids(x.Added))]),
            TaskRelatedChanged x => ("related_changed", [new Change("related", Links(x.Unlinked, sees), Links(x.Linked, sees))]),
            TaskCompleted => ("completed", [new Change("status", TaskStatuses.Open, TaskStatuses.Completed)]),
            TaskReopened => ("reopened", [new Change("status", TaskStatuses.Completed, TaskStatuses.Open)]),
            TaskArchived => ("archived", [new Change("status", null, TaskStatuses.Archived)]),
            TaskSubtaskAdded x => ("subtask_added", [new Change($"subtasks.{x.SubtaskId}", null, x.Title)]),
            TaskSubtaskRenamed x => ("subtask_renamed", [new Change($"subtasks.{x.SubtaskId}", x.OldTitle, x.NewTitle)]),
            TaskSubtaskCompleted x => ("subtask_completed", [new Change($"subtasks.{x.SubtaskId}.done", "false", "true")]),
            TaskSubtaskReopened x => ("subtask_reopened", [new Change($"subtasks.{x.SubtaskId}.done", "true", "false")]),
            TaskSubtaskRemoved x => ("subtask_removed", [new Change($"subtasks.{x.SubtaskId}", null, null)]),
            TaskSubtasksReordered x => ("subtasks_reordered", [new Change("subtasks", null, Ids(x.Order))]),
            TaskCommentAdded x => ("comment_added", [new Change($"comments.{x.CommentId}", null, Text(x.CommentId, x.Text)),
                .. Mentions(x.CommentId, [], x.Mentions)]),
            TaskCommentEdited x => ("comment_edited", [new Change($"comments.{x.CommentId}", Text(x.CommentId, x.OldText), Text(x.CommentId, x.NewText)),
                .. Mentions(x.CommentId, x.MentionsRemoved, x.MentionsAdded)]),
            TaskCommentDeleted x => ("comment_deleted", [new Change($"comments.{x.CommentId}.deleted", "false", "true")]),
            _ => Attachments.AttachmentHistory.Of(e) ?? (e.EventType, Array.Empty<Change>()),
        };
        return new HistoryEntry(e.Version, e.Timestamp, action, e.EventType, e.Metadata.ActorId, e.Metadata.RequestId, changes);
    }

    /// <summary>Who a comment stopped and started mentioning (as participants are shown), when any.</summary>
    private static Change[] Mentions(Guid comment, IReadOnlyList<Guid>? removed, IReadOnlyList<Guid>? added) =>
        removed is { Count: > 0 } || added is { Count: > 0 } ? [new Change($"comments.{comment}.mentions", Ids(removed ?? []), Ids(added ?? []))] : [];

    private static string? Ids(IReadOnlyList<Guid> ids) => ids.Count == 0 ? null : string.Join(", ", ids);

    private static string? Links(IReadOnlyList<RelatedRecord> links, Func<RelatedRecord, bool> sees) =>
        links.Count == 0 ? null : string.Join(", ", links.Select(l => sees(l) ? l.Key : $"{l.Kind}:{Hidden}"));
}
