using Crm.Projections.Notifications;

namespace Crm.Write.Notifications;

/// <summary>
/// The notification commands: only the addressee's inbox takes them (someone else's notification is a
/// 404, like a missing one). The inbox stream is appended at the version loaded, like every other
/// stream (no ExpectedVersion.Any): a racing mark-read makes the cycle run again on fresh state, so a
/// notification is read once however many requests race, and reads of different notifications both land.
/// </summary>
public sealed class NotificationHandler(CommandHandler handler, NotificationQueries notifications, TimeProvider clock)
{
    public async Task<CommandOutcome> MarkReadAsync(MarkNotificationRead command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var inbox = Inbox.IdOf(caller.ActorId);
        var row = await notifications.GetAsync(command.NotificationId, ct);
        if (row is null || row.UserId != caller.ActorId) return CommandOutcome.Refused(inbox, NotFound(command.NotificationId));
        return await handler.HandleAsync(Inbox.Decider, inbox, (state, _, _) =>
            ValueTask.FromResult(Inbox.Decide(caller.ActorId, command, state, CommandContexts.For(clock, request))), request, ct);
    }

    /// <summary>At most this many notifications are marked read by one call (the answer says how many stay unread).</summary>
    public const int ReadAllBatch = 1000;

    /// <summary>
    /// Marks read the caller's unread notifications created at or before <paramref name="until"/> (all when null), newest first,
    /// <see cref="ReadAllBatch"/> at most. The unread ones are read in each cycle, so a racing mark-read is not written twice.
    /// </summary>
    public Task<CommandOutcome> MarkAllReadAsync(DateTimeOffset? until, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(Inbox.Decider, Inbox.IdOf(caller.ActorId), async (state, _, t) =>
        {
            var unread = await notifications.UnreadIdsAsync(caller.ActorId, until, ReadAllBatch, t);
            return Inbox.Decide(caller.ActorId, new MarkAllNotificationsRead(unread), state, CommandContexts.For(clock, request));
        }, request, ct);

    public static DomainError NotFound(Guid id) => DomainError.NotFound("notification_not_found", $"Notification {id} does not exist or is not yours.");
}
