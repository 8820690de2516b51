using System.Text.Json;
using Crm.Events;

namespace Crm.Write.Workflows;

/// <summary>A workflow's trigger as sent (raw).</summary>
public sealed record WorkflowTriggerInput(string? RecordKind, string? On, int? Days);

/// <summary>One action as sent (raw); which parts it needs depends on its type (<see cref="WorkflowTriggers.ActionTypes"/>).</summary>
public sealed record WorkflowActionInput(
    string? Type, string? Text = null, Guid? UserId = null, string? Field = null, string? Value = null, int? DueInDays = null, string? Url = null);

/// <summary>
/// A workflow as sent. In an edit, null leaves a part as it is; <paramref name="Condition"/> left undefined (not sent) stays, a JSON null
/// removes it; an empty <paramref name="WebhookSecret"/> removes the secret.
/// </summary>
public sealed record WorkflowInput(
    string? Name, bool? Enabled, WorkflowTriggerInput? Trigger, JsonElement Condition, IReadOnlyList<WorkflowActionInput>? Actions, string? WebhookSecret);

/// <summary>A workflow's rule, validated and normalized: what its events carry.</summary>
public sealed record WorkflowDraft(
    string Name, bool Enabled, WorkflowTrigger Trigger, string? Condition, IReadOnlyList<WorkflowAction> Actions, string? WebhookSecret)
{
    public static WorkflowDraft Empty { get; } = new("", true, new WorkflowTrigger("", "", null), null, [], null);

    /// <summary>The parts that differ from <paramref name="other"/>, by their API names.</summary>
    public IReadOnlyList<string> Differences(WorkflowDraft other)
    {
        var changed = new List<string>();
        if (Name != other.Name) changed.Add("name");
        if (Enabled != other.Enabled) changed.Add("enabled");
        if (Trigger != other.Trigger) changed.Add("trigger");
        if (Condition != other.Condition) changed.Add("condition");
        if (!Actions.SequenceEqual(other.Actions)) changed.Add("actions");
        if (WebhookSecret != other.WebhookSecret) changed.Add("webhookSecret");
        return changed;
    }
}
