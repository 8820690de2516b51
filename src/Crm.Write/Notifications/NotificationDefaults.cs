using Crm.Events;
using Crm.Events.Notifications;

namespace Crm.Write.Notifications;

/// <summary>The administrators' default channels per kind, as their stream has them.</summary>
public sealed record NotificationDefaultsState(IReadOnlyList<NotificationChannelChoice> Choices)
{
    public static NotificationDefaultsState Empty { get; } = new([]);
}

/// <summary>Choose the default channels per kind (PUT: complete; a kind left out goes in-app only).</summary>
public sealed record ChooseNotificationDefaults(IReadOnlyList<NotificationChannelChoice>? Choices);

/// <summary>The decider of the default channels (one stream, fixed id; changed by whoever may edit settings).</summary>
public static class NotificationDefaults
{
    public const string StreamType = "notification-defaults";

    public static readonly Guid StreamId = new("0196f000-0000-7000-8000-9001a0000014");

    public static Decider<NotificationDefaultsState> Decider { get; } = new(StreamType, NotificationDefaultsState.Empty,
        (state, e) => e is NotificationDefaultsChosen x ? new NotificationDefaultsState(x.Choices) : state);

    /// <summary>A default may name e-mail and webhook: users without an address or a webhook get the other channels.</summary>
    public static Decision Decide(ChooseNotificationDefaults command, bool emailConfigured, NotificationDefaultsState state, CommandContext context)
    {
        var (choices, error) = NotificationChannels.Check(command.Choices, new(emailConfigured, null, null));
        if (error is not null) return error;
        return NotificationChannels.Same(choices, state.Choices) ? Decision.Nothing : Decision.Accept(new NotificationDefaultsChosen(choices, context.Now));
    }
}
