using Crm.Events;
using Crm.Projections.Integrations;
using Crm.Write.Integrations;

namespace Crm.Host.Integrations;

/// <summary>One condition of a webhook's filter.</summary>
/// <param name="Path">A dotted path into the event's data as the feed shows it, e.g. "ownerId" or "fields.name".</param>
/// <param name="EqualTo">The value there, as text (a string's value; a number or true/false as JSON writes it).</param>
public sealed record WebhookConditionRequest(string? Path, string? EqualTo)
{
    public WebhookConditionInput ToInput() => new(Path, EqualTo);
}

/// <summary>A new webhook.</summary>
/// <param name="Url">Where deliveries are posted: http or https, not this network's own machines (unless the operator allowed them).</param>
/// <param name="EventTypes">Event type names of the feed ("customer.created"), "module.*" or "*".</param>
/// <param name="Conditions">Its filter: conditions on the event's data, all of which must hold (at most 10); none: every event of the types.</param>
public sealed record CreateWebhookRequest(
    string? Name, string? Url, IReadOnlyList<string?>? EventTypes, IReadOnlyList<WebhookConditionRequest?>? Conditions)
{
    public WebhookInput ToInput() => new(Name, Url, EventTypes, Conditions?.Select(c => c?.ToInput()).ToList());
}

/// <summary>A webhook's changes: only what is sent changes.</summary>
/// <param name="Enabled">false: nothing is delivered until it is true again (events meanwhile are not delivered later).</param>
public sealed record UpdateWebhookRequest(
    string? Name, string? Url, IReadOnlyList<string?>? EventTypes, IReadOnlyList<WebhookConditionRequest?>? Conditions, bool? Enabled)
{
    public WebhookInput ToInput() => new(Name, Url, EventTypes, Conditions?.Select(c => c?.ToInput()).ToList());
}

/// <summary>A webhook.</summary>
/// <param name="Conditions">Its filter: conditions on the event's data, all of which must hold.</param>
/// <param name="Secret">The signing secret: only in the answer to its creation, never again.</param>
public sealed record WebhookResponse(
    Guid Id, string Name, string Url, IReadOnlyList<string> EventTypes, IReadOnlyList<WebhookCondition> Conditions, bool Enabled, Guid CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Secret = null)
{
    public static WebhookResponse From(WebhookRow r, string? secret = null) =>
        new(r.Id, r.Name, r.Url, r.EventTypes, r.Filter, r.Enabled, r.CreatedBy, r.CreatedAt, r.UpdatedAt, secret);
}

/// <summary>A page of webhooks, newest first.</summary>
public sealed record WebhookListResponse(IReadOnlyList<WebhookResponse> Items, string? NextCursor);

/// <summary>One event's delivery to a webhook.</summary>
/// <param name="EventType">Known once its first attempt was made.</param>
/// <param name="Status">pending (first attempt not ended), retrying (next attempt at nextAttemptAt), delivered (2xx), dead (every attempt
/// failed: a dead letter until redelivered), skipped (webhook disabled or deleted, or its creator may no longer read the feed).</param>
/// <param name="Attempts">Attempts made in its current round (a redelivery starts a new round at 0).</param>
public sealed record WebhookDeliveryResponse(
    Guid Id, Guid EventId, string? EventType, string Status, int Attempts, string? LastError, DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset CreatedAt)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) =>
        new(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.LastError, d.LastAttemptAt, d.NextAttemptAt, d.DeliveredAt, d.CreatedAt);
}

/// <summary>A page of a webhook's deliveries, newest first.</summary>
public sealed record WebhookDeliveryListResponse(IReadOnlyList<WebhookDeliveryResponse> Items, string? NextCursor);
