using System.Security.Cryptography;
using Crm.Projections.Org;
using Crm.Write.Org;

namespace Crm.Write.Notifications;

/// <summary>
/// The notification preference commands: a user's own (choices, webhook) on their stream; the defaults on theirs (the endpoint asks
/// for settings.edit). Nobody changes another user's choices.
/// </summary>
public sealed class NotificationPreferencesHandler(
    CommandHandler handler, NotificationDeliverySettings delivery, UserQueries users, TimeProvider clock)
{
    public Task<CommandOutcome> ChooseAsync(ChooseNotificationChannels command, Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(NotificationPreferences.Decider, NotificationPreferences.IdOf(caller.ActorId), async (state, _, t) =>
        {
            var email = (await users.GetAsync(caller.ActorId, t))?.Email;
            var facts = new NotificationChannels.Facts(delivery.EmailConfigured, !string.IsNullOrWhiteSpace(email), null);
            return NotificationPreferences.Decide(caller.ActorId, command, facts, state, CommandContexts.For(clock, request));
        }, request, ct);

    /// <summary>Sets the webhook with a new signing secret (answered once, in <see cref="CommandOutcome.Events"/>).</summary>
    public Task<CommandOutcome> SetWebhookAsync(string? url, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var command = new SetNotificationWebhook(url, NewSecret());
        return handler.HandleAsync(NotificationPreferences.Decider, NotificationPreferences.IdOf(caller.ActorId), (_, _, _) =>
            ValueTask.FromResult(NotificationPreferences.Decide(caller.ActorId, command, delivery.AllowPrivateWebhooks, CommandContexts.For(clock, request))),
            request, ct);
    }

    public Task<CommandOutcome> RemoveWebhookAsync(Caller caller, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(NotificationPreferences.Decider, NotificationPreferences.IdOf(caller.ActorId), (state, _, _) =>
            ValueTask.FromResult(NotificationPreferences.Decide(caller.ActorId, new RemoveNotificationWebhook(), state, CommandContexts.For(clock, request))),
            request, ct);

    /// <summary>
    /// An administrator removes another user's webhook (the endpoint asks for user.edit). Only a super administrator acts on a super
    /// administrator's account, as every user write (<see cref="IdentityRefusals.ProtectSuperAdmin"/>); an unknown user is 404.
    /// </summary>
    public async Task<CommandOutcome> RemoveWebhookOfAsync(Guid userId, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var streamId = NotificationPreferences.IdOf(userId);
        if (await users.GetAsync(userId, ct) is not { } user)
            return CommandOutcome.Refused(streamId, DomainError.NotFound("user_not_found", $"User {userId} does not exist."));
        if (IdentityRefusals.ProtectSuperAdmin(user.ToState(), caller.IsSuperAdmin) is { } protectedAccount)
            return CommandOutcome.Refused(streamId, protectedAccount);
        return await handler.HandleAsync(NotificationPreferences.Decider, streamId, (state, _, _) => ValueTask.FromResult(
            NotificationPreferences.Decide(userId, new RemoveUsersNotificationWebhook(), state, CommandContexts.For(clock, request))), request, ct);
    }

    public Task<CommandOutcome> ChooseDefaultsAsync(ChooseNotificationDefaults command, CommandRequest request, CancellationToken ct) =>
        handler.HandleAsync(NotificationDefaults.Decider, NotificationDefaults.StreamId, (state, _, _) =>
            ValueTask.FromResult(NotificationDefaults.Decide(command, delivery.EmailConfigured, state, CommandContexts.For(clock, request))), request, ct);

    /// <summary>32 random bytes, base64url: the key of the webhook's HMAC-SHA256 signatures.</summary>
    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
