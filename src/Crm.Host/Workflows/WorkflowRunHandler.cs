using Crm.Host.Notifications;
using Crm.Projections.Workflows;
using Wolverine;

namespace Crm.Host.Workflows;

/// <summary>
/// Wolverine's handler of <see cref="WorkflowTriggered"/> (queue <c>workflows</c>): runs the workflow once (<see cref="WorkflowRunner"/>) and
/// hands its notify actions' notifications on to the notifications queue. Registered explicitly in Outbox/OutboxSetup.cs; its adapter is
/// pre-generated (Internal/Generated).
/// </summary>
public static class WorkflowRunHandler
{
    public static async Task<OutgoingMessages> HandleAsync(WorkflowTriggered message, WorkflowRunner runner, WebhookClient webhooks, CancellationToken ct)
    {
        var next = new OutgoingMessages();
        foreach (var notice in await runner.RunAsync(message, webhooks, ct)) next.Add(notice);
        return next;
    }
}
