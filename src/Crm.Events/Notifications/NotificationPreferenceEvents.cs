namespace Crm.Events.Notifications;

/// <summary>
/// A user chose their channels per kind of notification: the complete set of their own choices (a kind they did not choose follows the
/// administrators' default). On the user's notification-preferences stream.
/// </summary>
public sealed record NotificationChannelsChosen(Guid UserId, IReadOnlyList<NotificationChannelChoice> Choices, DateTimeOffset At);

/// <summary>
/// A user set the URL their webhook channel posts to, with the secret its bodies are signed with (HMAC-SHA256): made by the server,
/// shown to the user once, never shown again by any reader of the audit trail. The URL is kept from those readers too: many receivers
/// (chat incoming webhooks) take their URL as the credential.
/// </summary>
public sealed record NotificationWebhookSet(Guid UserId, [property: Secret] string Url, [property: Secret] string Secret, DateTimeOffset At);

/// <summary>A user removed their webhook: the webhook channel delivers nothing to them until they set one again.</summary>
public sealed record NotificationWebhookRemoved(Guid UserId, DateTimeOffset At);

/// <summary>Administrators chose the default channels per kind (complete: a kind not named goes in-app only). One stream, fixed id.</summary>
public sealed record NotificationDefaultsChosen(IReadOnlyList<NotificationChannelChoice> Choices, DateTimeOffset At);
