using Crm.Events;
using Crm.Events.Notifications;

namespace Crm.Write.Notifications;

/// <summary>What the host offers to the channels: read from its configuration (Crm:Smtp:Host, Crm:Webhooks:AllowPrivateNetworks).</summary>
/// <param name="EmailConfigured">An SMTP server is configured.</param>
/// <param name="AllowPrivateWebhooks">Webhooks may point at loopback and private addresses, and use plain http (tests, a closed network).</param>
/// <param name="ChannelMaxAge">A notification older than this goes in-app only (a replay of the subscription never mails history).</param>
public sealed record NotificationDeliverySettings(bool EmailConfigured, bool AllowPrivateWebhooks, TimeSpan ChannelMaxAge);

/// <summary>Where one notification goes for a user: the channels, and whether the user has a webhook now (its URL and secret are read when sending).</summary>
public sealed record NotificationRoute(IReadOnlyList<string> Channels, bool HasWebhook);

/// <summary>
/// A user's preferences and the defaults, folded from their streams (a handful of events each) whenever asked: a choice counts from the
/// next notification on, on every host.
/// </summary>
public sealed class NotificationPreferencesReader(EventStore.EventStore store)
{
    public async Task<(NotificationPreferencesState State, long Version)> UserAsync(Guid userId, CancellationToken ct, DateTimeOffset? asOf = null) =>
        await store.AggregateStreamAsync(NotificationPreferences.IdOf(userId), NotificationPreferencesState.Empty,
            (s, e) => NotificationPreferencesState.Evolve(s, e.Data), asOf: asOf, ct: ct) ?? (NotificationPreferencesState.Empty, 0);

    public async Task<(NotificationDefaultsState State, long Version)> DefaultsAsync(CancellationToken ct, DateTimeOffset? asOf = null) =>
        await store.AggregateStreamAsync(NotificationDefaults.StreamId, NotificationDefaultsState.Empty,
            (s, e) => NotificationDefaults.Decider.Evolve(s, e.Data), asOf: asOf, ct: ct) ?? (NotificationDefaultsState.Empty, 0);

    /// <summary>
    /// The user's own choice for the kind, else the default's, else in-app only — as they were at <paramref name="at"/>, the moment the
    /// notification happened: a replay of the notifications routes each one as it was routed then (the same in-app rows).
    /// </summary>
    public async Task<NotificationRoute> RouteAsync(Guid userId, string kind, DateTimeOffset at, CancellationToken ct)
    {
        var (user, _) = await UserAsync(userId, ct, at);
        var channels = user.Choices.TryGetValue(kind, out var own) ? own : Default((await DefaultsAsync(ct, at)).State, kind);
        return new NotificationRoute(channels, user.WebhookUrl is not null);
    }

    /// <summary>Every kind's channels for the user, and whether each is their own choice (false: the default's).</summary>
    public async Task<IReadOnlyList<(NotificationChannelChoice Choice, bool Own)>> EffectiveAsync(NotificationPreferencesState user, CancellationToken ct)
    {
        var (defaults, _) = await DefaultsAsync(ct);
        return [.. Projections.Notifications.NotificationKinds.All.Select(kind => user.Choices.TryGetValue(kind, out var own)
            ? (new NotificationChannelChoice(kind, own), true)
            : (new NotificationChannelChoice(kind, Default(defaults, kind)), false))];
    }

    private static IReadOnlyList<string> Default(NotificationDefaultsState defaults, string kind) =>
        defaults.Choices.FirstOrDefault(c => c.Kind == kind)?.Channels ?? NotificationChannels.BuiltInDefault;
}
