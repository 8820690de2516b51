using Crm.Events;
using Crm.Events.Workflows;
using Crm.EventStore;

namespace Crm.Projections.Workflows;

/// <summary>A workflow as it is now; one row of crm.workflows. <see cref="WebhookSecret"/> is for its runs only, never shown.</summary>
public sealed record WorkflowRow(
    Guid Id, Guid AuthorId, string Name, bool Enabled, WorkflowTrigger Trigger, string? Condition, IReadOnlyList<WorkflowAction> Actions,
    string? WebhookSecret, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The row after an event; null once the workflow is deleted.</summary>
    public static WorkflowRow? Evolve(WorkflowRow? row, StoredEvent e) => e.Data switch
    {
        WorkflowCreated x => new WorkflowRow(x.WorkflowId, x.AuthorId, x.Name, x.Enabled, x.Trigger, x.Condition, x.Actions, x.WebhookSecret,
            e.Version, e.Timestamp, e.Timestamp),
        WorkflowEdited x when row is not null => row with
        {
            AuthorId = x.AuthorId, Name = x.Name, Enabled = x.Enabled, Trigger = x.Trigger, Condition = x.Condition, Actions = x.Actions,
            WebhookSecret = x.WebhookSecret, Version = e.Version, UpdatedAt = e.Timestamp,
        },
        WorkflowDeleted => null,
        _ => row,
    };
}
