using Crm.Events;
using Crm.Events.Notifications;
using Crm.Projections.Notifications;

namespace Crm.Write.Notifications;

/// <summary>The channels a notification can go through, and the checks every choice of them passes (a user's, the defaults).</summary>
public static class NotificationChannels
{
    public const string InApp = "in_app";
    public const string Email = "email";
    public const string Webhook = "webhook";

    public static IReadOnlyList<string> All { get; } = [InApp, Email, Webhook];

    /// <summary>What a kind nobody chose for goes through.</summary>
    public static IReadOnlyList<string> BuiltInDefault { get; } = [InApp];

    /// <summary>What a choice may be checked against besides its own shape.</summary>
    /// <param name="EmailConfigured">The host can send e-mail (Crm:Smtp:Host is set).</param>
    /// <param name="HasEmail">The user has an e-mail address (null: a default, for whoever has one).</param>
    /// <param name="HasWebhook">The user has a webhook (null: a default, for whoever has one).</param>
    public sealed record Facts(bool EmailConfigured, bool? HasEmail, bool? HasWebhook);

    /// <summary>
    /// The choices in a stable form (channels deduplicated, in the order of <see cref="All"/>), or the error: 400 naming every malformed
    /// choice, else 422 for the first channel this user or server cannot serve.
    /// </summary>
    public static (IReadOnlyList<NotificationChannelChoice> Choices, DomainError? Error) Check(
        IReadOnlyList<NotificationChannelChoice>? choices, Facts facts)
    {
        var errors = new List<FieldError>();
        var unusable = new List<FieldError>();
        var clean = new List<NotificationChannelChoice>();
        if (choices is null) return ([], DomainError.Invalid("choices", "field_required", "Send the complete set of choices (an empty list: none)."));
        if (choices.Count > NotificationKinds.All.Count) errors.Add(new("choices", "too_many_choices", "One choice per kind of notification at most."));
        for (var i = 0; i < choices.Count && errors.Count < 20; i++)
        {
            var (kind, channels) = (choices[i]?.Kind, choices[i]?.Channels ?? []);
            var at = $"choices[{i}]";
            if (choices[i]?.Channels is null) errors.Add(new($"{at}.channels", "field_required", "Name the channels (an empty list: none)."));
            if (kind is null || !NotificationKinds.All.Contains(kind)) errors.Add(new($"{at}.kind", "kind_unknown", "Not a kind of notification."));
            else if (choices.Take(i).Any(c => c?.Kind == kind)) errors.Add(new($"{at}.kind", "kind_duplicate", $"{kind} is chosen twice."));
            if (channels.Any(c => !All.Contains(c))) errors.Add(new($"{at}.channels", "channel_unknown", "Channels are in_app, email and webhook."));
            else if (channels.Contains(Email) && !facts.EmailConfigured)
                unusable.Add(new($"{at}.channels", "email_unavailable", "This server sends no e-mail (no SMTP server is configured)."));
            else if (channels.Contains(Email) && facts.HasEmail == false)
                unusable.Add(new($"{at}.channels", "email_missing", "You have no e-mail address: set one on your user first."));
            else if (channels.Contains(Webhook) && facts.HasWebhook == false)
                unusable.Add(new($"{at}.channels", "webhook_missing", "You have no webhook: set one first (PUT /api/notification-preferences/webhook)."));
            if (kind is not null) clean.Add(new(kind, All.Where(channels.Contains).ToList()));
        }
        return (clean, DomainError.Invalid(errors)
            ?? (unusable is [var first, ..] ? DomainError.Unprocessable(first.Field, first.Code, first.Message) : null));
    }

    /// <summary>Two sets of choices say the same (order of kinds aside).</summary>
    public static bool Same(IReadOnlyList<NotificationChannelChoice> a, IReadOnlyList<NotificationChannelChoice> b) =>
        a.Count == b.Count && a.All(x => b.Any(y => y.Kind == x.Kind && y.Channels.SequenceEqual(x.Channels)));
}
