using Crm.Events;
using Crm.Events.Notifications;
using Crm.Host.Platform;
using Crm.Projections.Notifications;
using Crm.Write.Notifications;

namespace Crm.Host.Notifications;

/// <summary>The channels one kind of notification goes through; an empty list: not at all.</summary>
public sealed record NotificationChoice(
    [property: WireValues(typeof(NotificationKinds), nameof(NotificationKinds.All))] string Kind,
    [property: WireValues(typeof(NotificationChannels), nameof(NotificationChannels.All))] IReadOnlyList<string> Channels);

/// <summary>The channels one kind of notification is to go through; an empty list: not at all.</summary>
public sealed record NotificationChoiceRequest(
    [property: MustSend, WireValues(typeof(NotificationKinds), nameof(NotificationKinds.All))] string? Kind,
    [property: MustSend, WireValues(typeof(NotificationChannels), nameof(NotificationChannels.All))] IReadOnlyList<string>? Channels)
{
    public NotificationChannelChoice ToEvent() => new(Kind!, Channels!);
}

/// <summary>A complete set of choices (PUT): kinds left out follow the defaults (a user's) or go in-app only (the defaults).</summary>
public sealed record NotificationChoicesRequest([property: MustSend] IReadOnlyList<NotificationChoiceRequest>? Choices);

/// <summary>The channels a kind goes through for you, and whether that is your own choice or the default.</summary>
public sealed record EffectiveNotificationChoice(
    [property: WireValues(typeof(NotificationKinds), nameof(NotificationKinds.All))] string Kind,
    [property: WireValues(typeof(NotificationChannels), nameof(NotificationChannels.All))] IReadOnlyList<string> Channels, bool Own);

/// <summary>Your webhook: where it posts, and the last characters of its secret (the secret itself is shown once, when set).</summary>
public sealed record NotificationWebhookResponse(string Url, string SecretHint);

/// <summary>Your notification preferences: every kind's channels, your webhook, and whether this server sends e-mail.</summary>
public sealed record NotificationPreferencesResponse(
    IReadOnlyList<EffectiveNotificationChoice> Choices, NotificationWebhookResponse? Webhook, bool EmailAvailable);

/// <summary>The administrators' default channels per kind (kinds not listed go in-app only).</summary>
public sealed record NotificationDefaultsResponse(IReadOnlyList<NotificationChoice> Choices);

/// <summary>Set your webhook.</summary>
/// <param name="Url">An absolute http(s) URL the notifications are posted to.</param>
public sealed record SetWebhookRequest([property: MustSend] string? Url);

/// <summary>Your new webhook, with its signing secret: shown this once, keep it.</summary>
/// <param name="Secret">The HMAC-SHA256 key of the X-Crm-Signature header.</param>
public sealed record WebhookSetResponse(string Url, string Secret);
