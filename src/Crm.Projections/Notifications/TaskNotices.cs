using Crm.Events.Tasks;
using Crm.EventStore;

namespace Crm.Projections.Notifications;

/// <summary>
/// What the task events tell users (WORK-4): a task given to you (created for you, reassigned to you, handed over with a disabled
/// colleague's records), being made a participant, being mentioned in a comment (or newly, in an edit). Nobody hears of their own act.
/// A mention does not quote the comment: its author may edit or delete it, and a copy in inboxes and e-mails could not follow.
/// Each notification's id is derived from the event's and the user's, the same in every replay.
/// </summary>
public static class TaskNotices
{
    public const string Assigned = "task_assigned";
    public const string ParticipantAdded = "task_participant_added";
    public const string Mentioned = "task_mentioned";

    public static IEnumerable<NotificationDue> Of(StoredEvent e, IReadOnlyDictionary<Guid, string> names)
    {
        var actor = e.Metadata.ActorId;
        string Name(Guid task) => names.TryGetValue(task, out var name) ? name : task.ToString();
        IEnumerable<NotificationDue> To(IEnumerable<Guid> users, Guid task, string kind, string text) => users.Distinct()
            .Where(user => user != actor)
            .Select(user => new NotificationDue(NotificationsSubscription.Id(e.EventId, user), user, kind, "task", task, text, null, actor, e.Timestamp));
        return e.Data switch
        {
            TaskCreated x => [
                .. To([x.OwnerId], x.TaskId, Assigned, $"Task {Name(x.TaskId)} was given to you."),
                .. To(x.ParticipantIds.Where(p => p != x.OwnerId), x.TaskId, ParticipantAdded, $"You were added to task {Name(x.TaskId)}."),
            ],
            TaskReassigned x => To([x.OwnerId], x.TaskId, Assigned, $"Task {Name(x.TaskId)} was given to you."),
            TaskParticipantsChanged x => To(x.Added, x.TaskId, ParticipantAdded, $"You were added to task {Name(x.TaskId)}."),
            TaskCommentAdded x => To(x.Mentions ?? [], x.TaskId, Mentioned, $"You were mentioned in a comment on task {Name(x.TaskId)}."),
            TaskCommentEdited x => To(x.MentionsAdded ?? [], x.TaskId, Mentioned, $"You were mentioned in a comment on task {Name(x.TaskId)}."),
            _ => [],
        };
    }
}
