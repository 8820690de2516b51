namespace Crm.Events.Workflows;

// A workflow (工作流, SET-3) is a rule "when this happens to a customer or a lead and the record matches this filter, do these
// actions". Its events carry the whole rule as it is after the change, so each event alone says what the rule was from then on;
// the author is the user its runs act as (whoever created or last changed it). The webhook secret is kept but never shown.

/// <summary>A workflow was created by <paramref name="AuthorId"/>; <paramref name="Condition"/> is the filter tree's JSON (null: always).</summary>
public sealed record WorkflowCreated(
    Guid WorkflowId, Guid AuthorId, string Name, bool Enabled, WorkflowTrigger Trigger, string? Condition, IReadOnlyList<WorkflowAction> Actions,
    [property: Secret] string? WebhookSecret);

/// <summary>
/// A workflow was changed: the rule in full as it is now, <paramref name="Changed"/> naming the parts that changed (name, enabled, trigger,
/// condition, actions, webhookSecret, author). The user who changed it is its author from now on.
/// </summary>
public sealed record WorkflowEdited(
    Guid WorkflowId, Guid AuthorId, string Name, bool Enabled, WorkflowTrigger Trigger, string? Condition, IReadOnlyList<WorkflowAction> Actions,
    [property: Secret] string? WebhookSecret, IReadOnlyList<string> Changed);

/// <summary>The workflow was deleted: it runs no more; its stream and its runs stay.</summary>
public sealed record WorkflowDeleted(Guid WorkflowId, string Name);
