namespace Crm.Events.Integrations;

/// <summary>
/// An administrator subscribed a receiver to events of the feed (SET-5): which event types (exact names, "module.*" or "*"), the
/// conditions on the event's data, and the secret its deliveries are signed with (HMAC-SHA256) — made by the server, shown once. The
/// URL is kept from readers of the audit trail too: many receivers take their URL as the credential. On the webhook's stream.
/// </summary>
public sealed record WebhookCreated(
    Guid WebhookId, string Name, [property: Secret] string Url, [property: Secret] string Secret, IReadOnlyList<string> EventTypes,
    IReadOnlyList<WebhookCondition> Filter, Guid CreatedBy, DateTimeOffset At);

/// <summary>A webhook's settings changed: the complete new name, URL, event types, filter and whether it delivers (enabled).</summary>
public sealed record WebhookChanged(
    Guid WebhookId, string Name, [property: Secret] string Url, IReadOnlyList<string> EventTypes, IReadOnlyList<WebhookCondition> Filter,
    bool Enabled, DateTimeOffset At);

/// <summary>A webhook was deleted: nothing is delivered to it any more (deliveries already scheduled are skipped).</summary>
public sealed record WebhookDeleted(Guid WebhookId, DateTimeOffset At);

/// <summary>An administrator asked for a delivery that ended (delivered, dead or skipped) to be made again, from its first attempt.</summary>
public sealed record WebhookRedeliveryRequested(Guid WebhookId, Guid DeliveryId, Guid EventId, DateTimeOffset At);
