using Crm.Host.Platform;

namespace Crm.Host.Tasks;

/// <summary>What the OpenAPI document says about each task operation (WORK-1) and the workbench (WORK-2), beside the route table.</summary>
internal static class TaskApiDocs
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e10","name":"Call Acme about the renewal","description":null,
        "dueAt":"2026-03-02T10:00:00+00:00","priority":"high","tags":["renewal"],"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
        "participantIds":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"],"related":[{"kind":"customer","id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21",
        "hidden":false},{"kind":"contract","id":null,"hidden":true}],"status":"open","completedAt":null,"bucket":"next",
        "subtasks":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e11","title":"Draft the offer","done":true}],"commentCount":1,"version":3,
        "createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:30:00+00:00"}
        """;

    private const string Comment = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e12","authorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98","text":"Called, no answer",
        "mentions":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99"],"at":"2026-03-01T09:30:00+00:00","editedAt":null,"deleted":false,"version":4}
        """;

    private const string Page = $$"""{"items":[{{Example}}],"nextCursor":null}""";

    private const string Scope = " 404 task_not_found when the task is outside your reach (exactly as a missing id).";

    private const string OwnerSide = " Participants are refused (403 team_read_only): only the owner's side (owner or data scope) changes the task.";

    public static readonly ApiDoc Create = new("Create a task",
        "name is required; dueAt is an ISO 8601 date-time with an offset (stored in UTC); priority high|medium|low|none; ownerId defaults to "
        + "you (another owner must be enabled and in your task.create scope: 422 user_unusable / user_out_of_scope); participants are enabled users "
        + "(at most 20); related records (at most 20) must be ones you can see, else 422 related_not_found naming related[i] (the same whether "
        + "missing or hidden). With Idempotency-Key, a retry answers the first response.")
    {
        Request = """
            {"name":"Call Acme about the renewal","dueAt":"2026-03-02T18:00:00+08:00","priority":"high",
            "related":[{"kind":"customer","id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21"}]}
            """,
        Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 409, 422],
    };

    public static readonly ApiDoc List = new("List tasks you can see",
        "Tasks whose owner is in your task.list data scope and tasks you take part in; archived ones only with status=archived. Filters: status, "
        + "ownerId, participant=me, dueFrom/dueTo, relatedKind+relatedId (a record page's tasks; 404 when you cannot see that record). Keyset "
        + "paging, sort updatedAt|createdAt|name ('-' for descending), q inside the name. Links to records you cannot see are masked.")
    { Response = Page, Problems = [400, 404] };

    public static readonly ApiDoc Get = new("Read a task, now or as it was",
        "ETag is the task's version; ?version=n or ?asOf=<ISO 8601> for time travel. Links to records you cannot see show only their kind "
        + "(id null, hidden true)." + Scope)
    { Response = Example, Problems = [400, 404] };

    public static readonly ApiDoc Update = new("Change a task",
        "Only the fields sent change (an empty string clears description or dueAt); participantIds and related replace their lists (links you "
        + "cannot see stay). Each kind of change is its own event (task.edited old → new, task.reassigned, task.participants-changed, "
        + "task.related-changed). If-Match → 412 when stale; an archived task is 409 task_archived." + OwnerSide + Scope)
    { Request = """{"priority":"medium","dueAt":""}""", Response = Example, Problems = [400, 403, 404, 409, 412, 422] };

    public static readonly ApiDoc Archive = new("Archive a task",
        "DELETE archives (task.archived): the task leaves lists and the workbench, its history stays readable. Archiving again is a no-op."
        + OwnerSide + Scope)
    { Problems = [403, 404, 412] };

    public static readonly ApiDoc Complete = new("Complete a task", "Owner's side and participants. A completed task is a no-op." + Scope)
    { Response = Example, Problems = [404, 409, 412] };

    public static readonly ApiDoc Reopen = new("Reopen a completed task", "Owner's side and participants. An open task is a no-op." + Scope)
    { Response = Example, Problems = [404, 409, 412] };

    public static readonly ApiDoc Move = new("Move a task to a workbench bucket",
        "inbox clears the due date; today sets it to the end of today (23:59:59 in your time zone), next to the end of tomorrow, later to the "
        + "end of the 8th day; "
        + "a completed task moved there is reopened. done completes it (participants may do this one). overdue is not a target (400 "
        + "bucket_invalid)." + OwnerSide + Scope)
    { Request = """{"bucket":"today"}""", Response = Example, Problems = [400, 403, 404, 409, 412] };

    public static readonly ApiDoc AddSubtask = new("Add a subtask", "Added at the end; title required (at most 200); at most 100 subtasks "
        + "(409 subtasks_full)." + OwnerSide + Scope)
    { Request = """{"title":"Draft the offer"}""", Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 403, 404, 409, 412] };

    public static readonly ApiDoc RenameSubtask = new("Rename a subtask", "404 subtask_not_found for an unknown subtask." + OwnerSide + Scope)
    { Request = """{"title":"Draft and send the offer"}""", Response = Example, Problems = [400, 403, 404, 409, 412] };

    public static readonly ApiDoc RemoveSubtask = new("Remove a subtask", "404 subtask_not_found for an unknown subtask." + OwnerSide + Scope)
    { Response = Example, Problems = [403, 404, 409, 412] };

    public static readonly ApiDoc CompleteSubtask = new("Tick a subtask off", "Owner's side and participants." + Scope)
    { Response = Example, Problems = [404, 409, 412] };

    public static readonly ApiDoc ReopenSubtask = new("Reopen a subtask", "Owner's side and participants." + Scope)
    { Response = Example, Problems = [404, 409, 412] };

    public static readonly ApiDoc ReorderSubtasks = new("Reorder the subtasks", "order lists every subtask's id exactly once (400 order_invalid)."
        + OwnerSide + Scope)
    { Request = """{"order":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e11"]}""", Response = Example, Problems = [400, 403, 404, 409, 412] };

    public static readonly ApiDoc Comments = new("A task's comments, oldest first", "A deleted comment keeps its place, with no text." + Scope)
    { Response = $$"""{"taskId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e10","items":[{{Comment}}],"version":4}""", Problems = [404] };

    public static readonly ApiDoc AddComment = new("Comment on a task", "Owner's side and participants; text required (at most 5000); at most "
        + "500 comments (409 comments_full). mentions: users to notify (task_mentioned), at most 20 (400 mentions_too_many), each an enabled "
        + "user (422 naming mentions[i]) who sees the task (422 mention_cannot_see). With Idempotency-Key, a retry answers the first response."
        + Scope)
    {
        Request = """{"text":"Called, no answer — can you try?","mentions":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99"]}""",
        Response = Comment, Status = StatusCodes.Status201Created, Problems = [400, 404, 409, 412, 422],
    };

    public static readonly ApiDoc EditComment = new("Edit your comment",
        "Only its author edits a comment (403 comment_not_yours); a deleted or unknown one is 404 comment_not_found. mentions, when sent, "
        + "is the whole list from now on (as when adding); only newly mentioned users are notified." + Scope)
    { Request = """{"text":"Called twice, no answer"}""", Response = Comment, Problems = [400, 403, 404, 409, 412, 422] };

    public static readonly ApiDoc DeleteComment = new("Delete your comment",
        "Only its author deletes a comment (403 comment_not_yours); it shows as deleted in the comments and the history." + Scope)
    { Problems = [403, 404, 409, 412] };

    public static readonly ApiDoc History = new("A task's operation log",
        "One entry per event, oldest first, with actor, time, action and changes old → new; links to records you cannot see read "
        + "\"kind:hidden\"; a deleted comment's text reads null." + Scope)
    {
        Response = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4e10","items":[{"version":1,"at":"2026-03-01T09:00:00+00:00","action":"created",
            "eventType":"task.created","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":null,"changes":[{"field":"name","old":null,
            "new":"Call Acme about the renewal"}]}]}
            """,
        Problems = [404],
    };

    public static readonly ApiDoc Workbench = new("Your workbench",
        "Your tasks and the ones you take part in, by bucket: inbox (no due date), overdue, today (due by the end of today), next (the 7 "
        + "days after today), later, done. Days are yours: they begin at midnight in your time zone (timeZone answers which; UTC until you "
        + "set one with PUT /api/auth/me/time-zone). Each bucket answers its count and its first page; ?bucket= with cursor pages one bucket.")
    {
        Response = $$"""
            {"now":"2026-03-01T09:00:00+00:00","timeZone":"Asia/Shanghai","buckets":[{"bucket":"next","count":1,"items":[{{Example}}],
            "nextCursor":null}]}
            """,
        Problems = [400],
    };
}
