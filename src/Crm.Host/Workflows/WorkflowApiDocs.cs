using Crm.Host.Platform;

namespace Crm.Host.Workflows;

/// <summary>What the OpenAPI document says about each workflow operation (SET-3), beside the route table.</summary>
internal static class WorkflowApiDocs
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f31","name":"Follow up A-level customers","enabled":true,
        "authorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","trigger":{"recordKind":"customer","on":"created","days":null},
        "condition":{"and":[{"field":"level","op":"eq","value":"A"}]},
        "actions":[{"type":"create_task","text":"Call the new A-level customer","userId":null,"field":null,"value":null,"dueInDays":2,"url":null}],
        "hasWebhookSecret":false,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}
        """;

    private const string Rules =
        "trigger: recordKind customer or lead; on created, edited, transferred, followed_up (an event of the record) or no_follow_up with days "
        + "(1 to 365: a scheduled sweep finds records without a follow-up for that long, once per quiet period). condition: the lists' filter "
        + "tree over the kind's fields (POST /api/customers/search, /api/leads/search), faults named condition.<field>; null matches every "
        + "record. actions (1 to 10, run in order, the first refused one ends the run): create_task (text, userId or the record's owner, "
        + "dueInDays 0 to 365), notify (text, userId or the owner), set_field (level, industry, source; region for customers), transfer "
        + "(userId), webhook (url; the body is signed with webhookSecret, HMAC-SHA256, in X-Crm-Signature). Runs act as the author — whoever "
        + "created or last changed the rule — with their permissions and data scope at run time: a record outside that scope, a disabled "
        + "author or one who lost workflow.edit makes the run do nothing (recorded in its runs).";

    public static readonly ApiDoc List = new("Every workflow", "By name. The webhook secret is never shown. Needs workflow.list.")
    { Response = $$"""{"items":[{{Example}}]}""" };

    public static readonly ApiDoc Create = new("Create a workflow",
        "name has 1 to 80 characters; enabled defaults to true. " + Rules + " Needs workflow.edit. With Idempotency-Key, a retry answers the "
        + "first response and writes nothing.")
    {
        Request = """
            {"name":"Follow up A-level customers","trigger":{"recordKind":"customer","on":"created"},
            "condition":{"and":[{"field":"level","op":"eq","value":"A"}]},
            "actions":[{"type":"create_task","text":"Call the new A-level customer","dueInDays":2}]}
            """,
        Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 401, 403, 409, 422],
    };

    public static readonly ApiDoc Get = new("Read one workflow", "ETag is the workflow's version. Needs workflow.list.")
    { Response = Example, Problems = [401, 403, 404] };

    public static readonly ApiDoc Update = new("Change, enable or disable a workflow",
        "Only what is sent changes (workflow.edited carries the whole rule and names the parts that changed); condition: null removes it; "
        + "webhookSecret: \"\" removes it. You become the workflow's author: its runs act as you from now on. " + Rules
        + " Send If-Match with the ETag you read: 412 when it changed since. Needs workflow.edit.")
    { Request = """{"enabled":false}""", Response = Example, Problems = [400, 401, 403, 404, 412, 422] };

    public static readonly ApiDoc Delete = new("Delete a workflow",
        "It runs no more (runs already handed on end as skipped, workflow_deleted); its history and runs stay. If-Match is optional. "
        + "Needs workflow.edit.")
    { Problems = [400, 401, 403, 404, 412] };

    public static readonly ApiDoc Runs = new("A workflow's runs",
        "Newest first, one per triggering event (or quiet period): status pending, running, succeeded, failed (an action was refused: its code "
        + "and message), skipped (reason condition_not_met, record_out_of_scope, author_disabled, author_not_permitted, workflow_disabled, "
        + "workflow_deleted) or stopped (loop_detected: the chain of runs that led here already holds this workflow; chain_too_deep: more than "
        + "5 workflows in one chain). chain lists those workflows; actorId is the author the run acted as. ?limit= 1 to 100 (50), ?cursor= a "
        + "previous nextCursor. A deleted workflow's runs stay readable. Needs workflow.list.")
    {
        Response = """
            {"items":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f41","workflowId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f31",
            "triggerEventId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f51","eventType":"customer.created","recordKind":"customer",
            "recordId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","quietSince":null,"status":"succeeded","reason":null,
            "actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","chain":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f31"],
            "actions":[{"type":"create_task","status":"done","code":null,"message":null,"recordId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f61"}],
            "createdAt":"2026-03-01T09:00:01+00:00","finishedAt":"2026-03-01T09:00:01+00:00"}],"nextCursor":null}
            """,
        Problems = [400, 401, 403, 404],
    };
}
