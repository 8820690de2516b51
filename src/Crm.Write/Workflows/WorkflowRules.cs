using System.Text.Json;
using Crm.Events;
using Crm.Projections.Filtering;
using Crm.Projections.Workflows;
using Crm.Write.Notifications;

namespace Crm.Write.Workflows;

/// <summary>
/// Checks a workflow as sent, laid over the rule as it is (<see cref="WorkflowDraft.Empty"/> for a new one), and collects every fault named
/// by its path (name, trigger.on, condition.level, actions[1].text …). Pure: the condition is parsed with the lists' own filter parser
/// over the record kind's fields, so a rule can only ask what a list can.
/// </summary>
public static class WorkflowRules
{
    public const int MaxNameLength = 80;
    public const int MaxActions = 10;
    public const int MaxTextLength = 200;
    public const int MaxValueLength = 50;
    public const int MaxDays = 365;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;

    /// <summary>The fields a set_field action may change, per record kind: codes and categories, never personal data.</summary>
    public static IReadOnlyList<string> SettableFields(string kind) =>
        kind == "lead" ? ["level", "industry", "source"] : ["level", "industry", "source", "region"];

    /// <summary>The fields a condition may name: the kind's list filter fields, the class facts only for an author who may see them.</summary>
    public static IReadOnlyList<FilterField> ConditionFields(string kind, bool factsVisible) => WorkflowRecords.Fields(kind, factsVisible);

    public static (WorkflowDraft? Draft, IReadOnlyList<FieldError> Faults) Check(WorkflowInput input, WorkflowDraft current, bool allowPrivateNetworks,
        bool factsVisible)
    {
        var checks = new FieldChecks();
        var name = input.Name is null && current.Name.Length > 0 ? current.Name : checks.Text("name", input.Name, MaxNameLength, required: true);
        var trigger = Trigger(input.Trigger, current.Trigger, checks);
        var condition = Condition(input.Condition, current.Condition, trigger.RecordKind, factsVisible, checks);
        var secret = input.WebhookSecret is null ? current.WebhookSecret : input.WebhookSecret.Length == 0 ? null : input.WebhookSecret;
        if (secret is { Length: < MinSecretLength or > MaxSecretLength })
            checks.Fail("webhookSecret", "webhook_secret_invalid", $"webhookSecret has {MinSecretLength} to {MaxSecretLength} characters.");
        var actions = input.Actions is null ? current.Actions : Actions(input.Actions, trigger.RecordKind, secret, allowPrivateNetworks, checks);
        if (input.Actions is null) CheckKept(actions, trigger.RecordKind, secret, checks);
        if (actions.Count == 0 && input.Actions is null) checks.Fail("actions", "actions_count_invalid", $"A workflow has 1 to {MaxActions} actions.");
        if (checks.Errors.Count > 0) return (null, checks.Errors);
        return (new WorkflowDraft(name!, input.Enabled ?? current.Enabled, trigger, condition, actions, secret), []);
    }

    private static WorkflowTrigger Trigger(WorkflowTriggerInput? input, WorkflowTrigger current, FieldChecks checks)
    {
        var kind = input?.RecordKind ?? current.RecordKind;
        var on = input?.On ?? current.On;
        var days = input is null ? current.Days : input.Days;
        if (!WorkflowTriggers.RecordKinds.Contains(kind))
            checks.Fail("trigger.recordKind", "record_kind_unknown", $"trigger.recordKind is one of {string.Join(", ", WorkflowTriggers.RecordKinds)}.");
        if (!WorkflowTriggers.All.Contains(on))
            checks.Fail("trigger.on", "trigger_unknown", $"trigger.on is one of {string.Join(", ", WorkflowTriggers.All)}.");
        if (on == WorkflowTriggers.NoFollowUp && days is not (>= 1 and <= MaxDays))
            checks.Fail("trigger.days", "days_out_of_range", $"A no_follow_up trigger names its days: 1 to {MaxDays}.");
        return new WorkflowTrigger(kind, on, on == WorkflowTriggers.NoFollowUp ? days : null);
    }

    private static string? Condition(JsonElement sent, string? current, string kind, bool factsVisible, FieldChecks checks)
    {
        JsonElement? stored = current is null ? null : JsonSerializer.Deserialize<JsonElement>(current);
        var element = sent.ValueKind == JsonValueKind.Undefined ? stored : sent;
        if (element is not { } tree || tree.ValueKind == JsonValueKind.Null || !WorkflowTriggers.RecordKinds.Contains(kind)) return null;
        var (_, errors) = FilterTree.Parse(tree, ConditionFields(kind, factsVisible));
        foreach (var e in errors) checks.Fail(e.Field == "filter" ? "condition" : "condition." + e.Field, "filter_invalid", e.Message);
        return JsonSerializer.Serialize(tree);
    }

    private static List<WorkflowAction> Actions(
        IReadOnlyList<WorkflowActionInput> inputs, string kind, string? secret, bool allowPrivateNetworks, FieldChecks checks)
    {
        if (inputs.Count is 0 or > MaxActions) checks.Fail("actions", "actions_count_invalid", $"A workflow has 1 to {MaxActions} actions.");
        var actions = new List<WorkflowAction>();
        for (var i = 0; i < inputs.Count && i < MaxActions; i++)
        {
            var a = inputs[i] ?? new WorkflowActionInput(null);
            var at = $"actions[{i}]";
            var action = new WorkflowAction(a.Type ?? "");
            switch (a.Type)
            {
                case "create_task" or "notify":
                    action = action with { Text = Text(at + ".text", a.Text, checks), UserId = a.UserId };
                    if (a.Type == "create_task")
                    {
                        if (a.DueInDays is < 0 or > MaxDays) checks.Fail(at + ".dueInDays", "due_in_days_out_of_range", $"dueInDays is 0 to {MaxDays}.");
                        action = action with { DueInDays = a.DueInDays };
                    }
                    break;
                case "set_field":
                    if (a.Field is null || !SettableFields(kind).Contains(a.Field))
                        checks.Fail(at + ".field", "field_not_settable", $"A {kind}'s settable fields are {string.Join(", ", SettableFields(kind))}.");
                    var value = a.Value?.Trim() ?? "";
                    if (value.Length > MaxValueLength) checks.Fail(at + ".value", "value_too_long", $"value has at most {MaxValueLength} characters.");
                    action = action with { Field = a.Field, Value = value };
                    break;
                case "transfer":
                    if (a.UserId is not { } to || to == Guid.Empty) checks.Fail(at + ".userId", "user_required", "A transfer names the user who receives it.");
                    action = action with { UserId = a.UserId };
                    break;
                case "webhook":
                    if (WebhookAddress.Check(a.Url, allowPrivateNetworks) is { } bad) checks.Fail(at + ".url", bad.Code, bad.Message);
                    action = action with { Url = a.Url?.Trim() };
                    break;
                default:
                    checks.Fail(at + ".type", "action_type_unknown", $"An action's type is one of {string.Join(", ", WorkflowTriggers.ActionTypes)}.");
                    break;
            }
            actions.Add(action);
        }
        if (actions.Any(a => a.Type == "webhook") && secret is null)
            checks.Fail("webhookSecret", "webhook_secret_required", "A workflow that calls a webhook has a webhookSecret to sign its bodies with.");
        return actions;
    }

    private static string? Text(string field, string? raw, FieldChecks checks)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength) checks.Fail(field, "text_invalid", $"text has 1 to {MaxTextLength} characters.");
        return text;
    }

    /// <summary>Actions kept as they were must still fit a changed trigger (a set_field of a customer field on a lead rule) and secret.</summary>
    private static void CheckKept(IReadOnlyList<WorkflowAction> actions, string kind, string? secret, FieldChecks checks)
    {
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] is { Type: "set_field", Field: { } field } && !SettableFields(kind).Contains(field))
                checks.Fail($"actions[{i}].field", "field_not_settable", $"A {kind}'s settable fields are {string.Join(", ", SettableFields(kind))}.");
        }
        if (actions.Any(a => a.Type == "webhook") && secret is null)
            checks.Fail("webhookSecret", "webhook_secret_required", "A workflow that calls a webhook has a webhookSecret to sign its bodies with.");
    }
}
