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

    public static DomainError NotFound(Guid id) => DomainError.NotFound("notification_not_found", $"Notification {id} does not exist or is not yours.");
}
