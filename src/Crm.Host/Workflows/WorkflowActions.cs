using System.Globalization;
using System.Text;
using System.Text.Json;
using Crm.Events;
using Crm.EventStore;
using Crm.Host.Notifications;
using Crm.Projections.Notifications;
using Crm.Projections.Workflows;
using Crm.Write;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Crm.Write.Notifications;
using Crm.Write.Tasks;

namespace Crm.Host.Workflows;

/// <summary>What one run's actions need: the message, the rule, the author as the caller, the record's owner, the webhook client.</summary>
public sealed record WorkflowActionContext(WorkflowTriggered Message, WorkflowRow Workflow, Caller Author, Guid? Owner, WebhookClient? Webhooks);

/// <summary>
/// A workflow's actions, each through the module that owns it: tasks (TaskHandler), a customer's or lead's field and transfer (their
/// handlers), notifications (a <see cref="NotificationDue"/> routed through the recipient's channels like every other notice), webhooks
/// (the notifications' <see cref="WebhookClient"/>, HMAC-SHA256 signed with the workflow's secret). Every command runs as the author, under
/// the operation's own permission and the author's data scope; the events it appends carry the triggering event as their causation id and
/// the run's id as their request id, and an idempotency key of the run and the action, so a redelivered run appends nothing twice.
/// </summary>
public sealed class WorkflowActions(CustomerHandler customers, LeadHandler leads, TaskHandler tasks, TimeProvider clock)
{
    public async Task<(WorkflowActionOutcome Outcome, NotificationDue? Notice)> DoAsync(WorkflowActionContext context, int index, CancellationToken ct)
    {
        var action = context.Workflow.Actions[index];
        var request = Request(context, index);
        var (kind, id, author) = (context.Message.RecordKind, context.Message.RecordId, context.Author);
        switch (action.Type)
        {
            case "create_task":
                if (!author.Can("task.create")) return (Missing(action, "task.create"), null);
                var due = action.DueInDays is { } days ? clock.GetUtcNow().AddDays(days).ToString(DueFormat, CultureInfo.InvariantCulture) : null;
                var task = new NewTask(Derived(context, index), new TaskInput(action.Text, DueAt: due), action.UserId ?? context.Owner, null,
                    [new RelatedRecord(kind, id)]);
                return (Outcome(action, await tasks.CreateAsync(task, author, request, ct)), null);
            case "set_field" when kind == "lead":
                if (!author.Can("lead.edit")) return (Missing(action, "lead.edit"), null);
                return (Outcome(action, await leads.EditAsync(new EditLead(id, LeadField(action)), author, request, ct)), null);
            case "set_field":
                if (!author.Can("customer.edit")) return (Missing(action, "customer.edit"), null);
                return (Outcome(action, await customers.EditAsync(new EditCustomer(id, CustomerField(action)), author, request, ct)), null);
            case "transfer" when kind == "lead":
                if (!author.Can("lead.transfer")) return (Missing(action, "lead.transfer"), null);
                return (Outcome(action, await leads.TransferAsync(new TransferLead(id, action.UserId!.Value), author, request, ct)), null);
            case "transfer":
                if (!author.Can("customer.transfer")) return (Missing(action, "customer.transfer"), null);
                return (Outcome(action, await customers.TransferAsync(new TransferCustomer(id, action.UserId!.Value), author, request, ct)), null);
            case "notify":
                var notice = Notice(context, index);
                return (new WorkflowActionOutcome(action.Type, WorkflowActionOutcome.Done, RecordId: notice.Id), notice);
            case "webhook":
                return (await PostAsync(context, index, ct), null);
            default:
                return (new WorkflowActionOutcome(action.Type, WorkflowActionOutcome.Failed, "action_type_unknown", "Not an action this release runs."), null);
        }
    }

    private const string DueFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The notification of a notify action: the same id at every delivery of the run, so it is written once.</summary>
    public NotificationDue Notice(WorkflowActionContext context, int index)
    {
        var action = context.Workflow.Actions[index];
        return new NotificationDue(Derived(context, index), action.UserId ?? context.Owner ?? context.Author.ActorId,
            NotificationKinds.WorkflowNotice,
            context.Message.RecordKind, context.Message.RecordId, $"{context.Workflow.Name}: {action.Text}", null, context.Author.ActorId,
            context.Message.OccurredAt);
    }

    private async Task<WorkflowActionOutcome> PostAsync(WorkflowActionContext context, int index, CancellationToken ct)
    {
        var (action, m) = (context.Workflow.Actions[index], context.Message);
        if (context.Webhooks is null || context.Workflow.WebhookSecret is not { } secret || action.Url is not { } url)
            return new WorkflowActionOutcome(action.Type, WorkflowActionOutcome.Failed, "webhook_failed", "No webhook client, URL or secret.");
        var body = JsonSerializer.Serialize(new
        {
            type = "workflow.run", runId = m.RunId, workflowId = m.WorkflowId, workflow = context.Workflow.Name, eventId = m.EventId,
            eventType = m.EventType, recordKind = m.RecordKind, recordId = m.RecordId, occurredAt = m.OccurredAt,
        }, JsonSerializerOptions.Web);
        try
        {
            await context.Webhooks.PostAsync(url, secret, Derived(context, index), body, clock.GetUtcNow(), ct);
            return new WorkflowActionOutcome(action.Type, WorkflowActionOutcome.Done);
        }
        catch (ChannelDeliveryException e)
        {
            return new WorkflowActionOutcome(action.Type, WorkflowActionOutcome.Failed, "webhook_failed", e.Message);
        }
    }

    /// <summary>Who and why: the author, the triggering event's correlation, the event as the cause, the run as the request.</summary>
    private static CommandRequest Request(WorkflowActionContext context, int index) => new()
    {
        Metadata = new EventMetadata(context.Author.ActorId, context.Message.CorrelationId ?? "workflow:" + context.Workflow.Id,
            context.Message.EventId.ToString(), context.Message.RunId.ToString()),
        IdempotencyKey = $"workflow-run:{context.Message.RunId}:{index}",
    };

    /// <summary>An id of the run's action (its task, notification or webhook delivery), the same at every delivery.</summary>
    private static Guid Derived(WorkflowActionContext context, int index) =>
        NameBasedId.Of([.. Encoding.UTF8.GetBytes($"crm.workflow-action:{index}:"), .. context.Message.RunId.ToByteArray()]);

    private static CustomerInput CustomerField(WorkflowAction a) => a.Field switch
    {
        "level" => new CustomerInput(Level: a.Value), "industry" => new CustomerInput(Industry: a.Value),
        "source" => new CustomerInput(Source: a.Value), _ => new CustomerInput(Region: a.Value),
    };

    private static LeadInput LeadField(WorkflowAction a) => a.Field switch
    {
        "level" => new LeadInput(Level: a.Value), "industry" => new LeadInput(Industry: a.Value), _ => new LeadInput(Source: a.Value),
    };

    private static WorkflowActionOutcome Outcome(WorkflowAction action, CommandOutcome outcome) => outcome.Error is { } error
        ? new WorkflowActionOutcome(action.Type, WorkflowActionOutcome.Failed, error.Code, error.Message)
        : new WorkflowActionOutcome(action.Type, WorkflowActionOutcome.Done, RecordId: outcome.StreamId);

    private static WorkflowActionOutcome Missing(WorkflowAction action, string permission) =>
        new(action.Type, WorkflowActionOutcome.Failed, "permission_missing", $"The workflow's author does not hold {permission}.");
}
