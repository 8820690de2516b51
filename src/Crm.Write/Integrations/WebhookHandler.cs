using System.Security.Cryptography;
using Crm.Projections.Integrations;

namespace Crm.Write.Integrations;

/// <summary>
/// The webhook commands (SET-5). The endpoints ask for webhook.edit; every change also needs <see cref="FeedPermission"/>, since a
/// webhook delivers the feed's events as its creator could read them: whoever points one somewhere must be able to read the feed.
/// </summary>
public sealed class WebhookHandler(CommandHandler handler, WebhookTargets targets, WebhookDeliveryLog deliveries, TimeProvider clock)
{
    public const string FeedPermission = "audit.feed";

    public Task<CommandOutcome> CreateAsync(WebhookInput input, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        if (FeedRefusal(caller) is { } refused) return Task.FromResult(CommandOutcome.Refused(id, refused));
        var command = new CreateWebhook(id, input, NewSecret());
        return handler.CreateAsync(Webhook.Decider, id, (_, _) =>
            ValueTask.FromResult(Webhook.Decide(command, caller.ActorId, targets, CommandContexts.For(clock, request))), request, guard: null,
            freshId: true, ct);
    }

    public Task<CommandOutcome> ChangeAsync(ChangeWebhook command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.WebhookId, caller, request, (state, _) =>
            ValueTask.FromResult(Webhook.Decide(command, state, targets, CommandContexts.For(clock, request))), ct);

    public Task<CommandOutcome> DeleteAsync(DeleteWebhook command, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(command.WebhookId, caller, request, (state, _) =>
            ValueTask.FromResult(Webhook.Decide(command, state, CommandContexts.For(clock, request))), ct);

    public Task<CommandOutcome> RedeliverAsync(Guid webhookId, Guid deliveryId, Caller caller, CommandRequest request, CancellationToken ct) =>
        Reached(webhookId, caller, request, async (state, t) =>
        {
            var delivery = await deliveries.GetAsync(webhookId, deliveryId, t);
            var command = new RedeliverWebhookEvent(webhookId, deliveryId, delivery?.EventId ?? Guid.Empty, delivery?.Status);
            return Webhook.Decide(command, state, CommandContexts.For(clock, request));
        }, ct);

    /// <summary>A missing or deleted webhook answers 404 before anything else (a stale If-Match would confirm it existed).</summary>
    private Task<CommandOutcome> Reached(Guid id, Caller caller, CommandRequest request, Func<WebhookState, CancellationToken, ValueTask<Decision>> decide,
        CancellationToken ct) =>
        handler.HandleReachedAsync(Webhook.Decider, id, (state, _) => ValueTask.FromResult(
                !state.Exists || state.Deleted ? Webhook.NotFound(id) : FeedRefusal(caller)), decide, request, guard: null, ct);

    private static DomainError? FeedRefusal(Caller caller) => caller.Can(FeedPermission) ? null
        : DomainError.Forbidden("webhook_feed_permission_required",
            $"A webhook delivers the event feed: changing one needs the permission {FeedPermission} as well.");

    /// <summary>32 random bytes, base64url: the key of the webhook's HMAC-SHA256 signatures.</summary>
    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
