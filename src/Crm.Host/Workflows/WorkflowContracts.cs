using System.Text.Json;
using Crm.Events;
using Crm.Host.Platform;
using Crm.Projections.Workflows;
using Crm.Write.Workflows;

namespace Crm.Host.Workflows;

/// <summary>When a workflow runs: on an event of <c>on</c> to a record of <c>recordKind</c>, or after <c>days</c> without a follow-up.</summary>
/// <param name="Days">For on = no_follow_up only: 1 to 365.</param>
public sealed record WorkflowTriggerRequest(
    [property: MustSend, WireValues(typeof(WorkflowTriggers), nameof(WorkflowTriggers.RecordKinds))] string? RecordKind,
    [property: MustSend, WireValues(typeof(WorkflowTriggers), nameof(WorkflowTriggers.All))] string? On, int? Days)
{
    public WorkflowTriggerInput ToInput() => new(RecordKind, On, Days);
}

/// <summary>
/// One action. create_task: text (the task's name), userId (else the record's owner), dueInDays. notify: text, userId (else the owner).
/// set_field: field and value ("" clears it). transfer: userId. webhook: url (https).
/// </summary>
public sealed record WorkflowActionRequest(
    [property: MustSend, WireValues(typeof(WorkflowTriggers), nameof(WorkflowTriggers.ActionTypes))] string? Type, string? Text, Guid? UserId,
    [property: WireValues("level", "industry", "source", "region")] string? Field, string? Value, int? DueInDays, string? Url)
{
    public WorkflowActionInput ToInput() => new(Type, Text, UserId, Field, Value, DueInDays, Url);
}

/// <summary>Create a workflow. condition is a list filter tree over the record kind's fields (null: every record).</summary>
/// <param name="Id">Optional client-chosen id (UUID); the server picks one otherwise.</param>
/// <param name="Enabled">Default true.</param>
/// <param name="WebhookSecret">The key webhook bodies are signed with (16 to 200 characters); required when an action is a webhook.</param>
public sealed record CreateWorkflowRequest(
    Guid? Id, [property: MustSend] string? Name, bool? Enabled, [property: MustSend] WorkflowTriggerRequest Trigger, JsonElement? Condition,
    [property: MustSend] IReadOnlyList<WorkflowActionRequest>? Actions, string? WebhookSecret)
{
    public WorkflowInput ToInput() => new(Name, Enabled, Trigger?.ToInput(), Condition ?? default, Actions?.Select(a => a?.ToInput()!).ToList(),
        WebhookSecret);
}

/// <summary>Change a workflow; what is left out stays. condition: null removes it; webhookSecret: "" removes it. You become its author.</summary>
public sealed record UpdateWorkflowRequest(
    string? Name, bool? Enabled, WorkflowTriggerRequest? Trigger, [property: NullMeans("removes the condition")] JsonElement Condition,
    IReadOnlyList<WorkflowActionRequest>? Actions, string? WebhookSecret)
{
    public WorkflowInput ToInput() => new(Name, Enabled, Trigger?.ToInput(), Condition, Actions?.Select(a => a?.ToInput()!).ToList(), WebhookSecret);
}

public sealed record WorkflowTriggerResponse(
    [property: WireValues(typeof(WorkflowTriggers), nameof(WorkflowTriggers.RecordKinds))] string RecordKind,
    [property: WireValues(typeof(WorkflowTriggers), nameof(WorkflowTriggers.All))] string On, int? Days);

public sealed record WorkflowActionResponse(
    [property: WireValues(typeof(WorkflowTriggers), nameof(WorkflowTriggers.ActionTypes))] string Type, string? Text, Guid? UserId, string? Field,
    string? Value, int? DueInDays, string? Url);

/// <summary>A workflow as the API shows it; version is the ETag. The webhook secret is never shown: hasWebhookSecret says whether there is one.</summary>
public sealed record WorkflowResponse(
    Guid Id, string Name, bool Enabled, Guid AuthorId, WorkflowTriggerResponse Trigger, JsonElement? Condition,
    IReadOnlyList<WorkflowActionResponse> Actions, bool HasWebhookSecret, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static WorkflowResponse From(WorkflowRow r) => new(
        r.Id, r.Name, r.Enabled, r.AuthorId, new WorkflowTriggerResponse(r.Trigger.RecordKind, r.Trigger.On, r.Trigger.Days),
        r.Condition is null ? null : JsonSerializer.Deserialize<JsonElement>(r.Condition),
        r.Actions.Select(a => new WorkflowActionResponse(a.Type, a.Text, a.UserId, a.Field, a.Value, a.DueInDays, a.Url)).ToList(),
        r.WebhookSecret is not null, r.Version, r.CreatedAt, r.UpdatedAt);
}

public sealed record WorkflowListResponse(IReadOnlyList<WorkflowResponse> Items);

public sealed record WorkflowActionOutcomeResponse(
    [property: WireValues(typeof(WorkflowTriggers), nameof(WorkflowTriggers.ActionTypes))] string Type,
    [property: WireValues(WorkflowActionOutcome.Done, WorkflowActionOutcome.Failed)] string Status, string? Code, string? Message, Guid? RecordId);

/// <summary>
/// One run: the triggering event (or, for no_follow_up, the quiet period since quietSince), the record, its status and reason, the author it
/// acted as, the chain of workflows that led to it, and each action's outcome.
/// </summary>
public sealed record WorkflowRunResponse(
    Guid Id, Guid WorkflowId, Guid TriggerEventId, string EventType,
    [property: WireValues(typeof(WorkflowTriggers), nameof(WorkflowTriggers.RecordKinds))] string RecordKind, Guid RecordId,
    DateTimeOffset? QuietSince, [property: WireValues(typeof(WorkflowRunStatus), nameof(WorkflowRunStatus.All))] string Status, string? Reason,
    Guid? ActorId, IReadOnlyList<Guid> Chain, IReadOnlyList<WorkflowActionOutcomeResponse> Actions, DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    public static WorkflowRunResponse From(WorkflowRunRow r) => new(
        r.Id, r.WorkflowId, r.TriggerEventId, r.EventType, r.RecordKind, r.RecordId, r.QuietSince, r.Status, r.Reason, r.ActorId, r.Chain,
        r.Actions.Select(a => new WorkflowActionOutcomeResponse(a.Type, a.Status, a.Code, a.Message, a.RecordId)).ToList(), r.CreatedAt, r.FinishedAt);
}

public sealed record WorkflowRunListResponse(IReadOnlyList<WorkflowRunResponse> Items, string? NextCursor);
