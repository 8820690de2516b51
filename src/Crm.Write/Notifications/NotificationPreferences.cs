using Crm.Events;
using System.Collections.Immutable;
using System.Net;
using Crm.EventStore;
using Crm.Events.Notifications;

namespace Crm.Write.Notifications;

/// <summary>A user's own channel choices (kind → channels) and webhook, as their stream has them.</summary>
public sealed record NotificationPreferencesState(
    ImmutableDictionary<string, IReadOnlyList<string>> Choices, string? WebhookUrl, string? WebhookSecret)
{
    public static NotificationPreferencesState Empty { get; } = new(ImmutableDictionary<string, IReadOnlyList<string>>.Empty, null, null);

    public static NotificationPreferencesState Evolve(NotificationPreferencesState state, object e) => e switch
    {
        NotificationChannelsChosen x => state with { Choices = x.Choices.ToImmutableDictionary(c => c.Kind, c => c.Channels) },
        NotificationWebhookSet x => state with { WebhookUrl = x.Url, WebhookSecret = x.Secret },
        NotificationWebhookRemoved => state with { WebhookUrl = null, WebhookSecret = null },
        _ => state,
    };

    public IReadOnlyList<NotificationChannelChoice> ChoiceList => [.. Choices.Select(c => new NotificationChannelChoice(c.Key, c.Value))];
}

/// <summary>Choose your channels per kind (PUT: the complete set of your own choices; kinds left out follow the defaults).</summary>
public sealed record ChooseNotificationChannels(IReadOnlyList<NotificationChannelChoice>? Choices);

/// <summary>Set your webhook: its URL, and the signing secret the handler made for it.</summary>
public sealed record SetNotificationWebhook(string? Url, string Secret);

/// <summary>Remove your webhook.</summary>
public sealed record RemoveNotificationWebhook;

/// <summary>An administrator removes a user's webhook (its URL leaked, a leaver's receiver): never refused for the choices naming it.</summary>
public sealed record RemoveUsersNotificationWebhook;

/// <summary>The decider of a user's notification preferences (one stream per user, WORK-4).</summary>
public static class NotificationPreferences
{
    public const string StreamType = "notification-preferences";
    public const int MaxUrlLength = 2000;

    public static Decider<NotificationPreferencesState> Decider { get; } =
        new(StreamType, NotificationPreferencesState.Empty, NotificationPreferencesState.Evolve);

    /// <summary>A user's preferences stream: a fixed id derived from the user's id.</summary>
    public static Guid IdOf(Guid userId) => NameBasedId.Of([.. "crm"u8, .. ".notification-preferences:"u8, .. userId.ToByteArray()]);

    public static Decision Decide(
        Guid userId, ChooseNotificationChannels command, NotificationChannels.Facts facts, NotificationPreferencesState state, CommandContext context)
    {
        var (choices, error) = NotificationChannels.Check(command.Choices, facts with { HasWebhook = state.WebhookUrl is not null });
        if (error is not null) return error;
        return NotificationChannels.Same(choices, state.ChoiceList) ? Decision.Nothing
            : Decision.Accept(new NotificationChannelsChosen(userId, choices, context.Now));
    }

    public static Decision Decide(Guid userId, SetNotificationWebhook command, bool allowPrivateNetworks, CommandContext context)
    {
        if (WebhookAddress.Check(command.Url, allowPrivateNetworks) is { } error) return error;
        return Decision.Accept(new NotificationWebhookSet(userId, command.Url!.Trim(), command.Secret, context.Now));
    }

    /// <summary>A webhook a choice still names stays (409): removing it would silently drop those notifications.</summary>
    public static Decision Decide(Guid userId, RemoveNotificationWebhook _, NotificationPreferencesState state, CommandContext context)
    {
        if (state.WebhookUrl is null) return Decision.Nothing;
        if (state.Choices.FirstOrDefault(c => c.Value.Contains(NotificationChannels.Webhook)) is { Key: { } kind })
            return DomainError.Conflict("webhook_in_use", $"Your choice for {kind} sends to the webhook: choose other channels first.");
        return Decision.Accept(new NotificationWebhookRemoved(userId, context.Now));
    }

    /// <summary>
    /// Removed whatever the choices say: the choices naming the webhook lose that channel in the same append, before the removal (so at
    /// no version does a choice name a webhook the user lacks), and a choice that named the webhook alone is dropped — that kind follows the
    /// defaults again rather than going nowhere. No webhook: nothing to do.
    /// </summary>
    public static Decision Decide(Guid userId, RemoveUsersNotificationWebhook _, NotificationPreferencesState state, CommandContext context)
    {
        if (state.WebhookUrl is null) return Decision.Nothing;
        var removed = new NotificationWebhookRemoved(userId, context.Now);
        if (!state.Choices.Values.Any(c => c.Contains(NotificationChannels.Webhook))) return Decision.Accept(removed);
        // A choice that names the webhook loses it; one that named nothing else is dropped. A kind turned off ([]) stays off.
        var kept = state.ChoiceList.Where(c => c.Channels is not [NotificationChannels.Webhook])
            .Select(c => c with { Channels = [.. c.Channels.Where(channel => channel != NotificationChannels.Webhook)] }).ToList();
        return Decision.Accept(new NotificationChannelsChosen(userId, kept, context.Now), removed);
    }
}

/// <summary>What a webhook URL must be: absolute http(s), no credentials in it, not to this network's own machines unless allowed.</summary>
public static class WebhookAddress
{
    public static DomainError? Check(string? url, bool allowPrivateNetworks)
    {
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > NotificationPreferences.MaxUrlLength
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || !(uri.Scheme == "https" || (uri.Scheme == "http" && allowPrivateNetworks))
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return DomainError.Invalid("url", "webhook_url_invalid",
                $"An absolute https URL of at most {NotificationPreferences.MaxUrlLength} characters, without credentials or fragment.");
        }
        if (!allowPrivateNetworks && (uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out var ip) && IsPrivate(ip))))
        {
            return DomainError.Unprocessable("url", "webhook_url_private", "A webhook may not point at this network's own machines.");
        }
        return null;
    }

    /// <summary>
    /// Never a webhook's target: IPv4 loopback, private, carrier-grade NAT, link-local (cloud metadata), special-purpose, benchmarking,
    /// documentation, multicast and reserved ranges; IPv6 outside global unicast (2000::/3), and inside it the prefixes that embed an IPv4
    /// address (NAT64 64:ff9b::/96 and 64:ff9b:1::/48 lie outside 2000::/3 anyway; 6to4 2002::/16, Teredo 2001::/32), and documentation.
    /// </summary>
    public static bool IsPrivate(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var b = ip.GetAddressBytes();
        if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var globalUnicast = (b[0] & 0xE0) == 0x20;
            var embedsIPv4 = (b[0] == 0x20 && b[1] == 0x02) || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0);
            var documentation = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8;
            return !globalUnicast || embedsIPv4 || documentation;
        }
        return b[0] is 0 or 10 or 127 or >= 224 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127) || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
            || (b[0] == 198 && b[1] is 18 or 19) || (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113)
            || (b[0] == 192 && b[1] == 88 && b[2] == 99);
    }
}
