using Crm.Events;
using Crm.Events.Integrations;

namespace Crm.Write.Integrations;

/// <summary>A webhook as its stream has it.</summary>
public sealed record WebhookState(
    Guid Id, bool Exists, bool Deleted, string Name, string Url, IReadOnlyList<string> EventTypes, IReadOnlyList<WebhookCondition> Filter,
    bool Enabled, Guid CreatedBy)
{
    public static WebhookState Empty { get; } = new(Guid.Empty, false, false, "", "", [], [], false, Guid.Empty);

    public static WebhookState Evolve(WebhookState s, object e) => e switch
    {
        WebhookCreated x => new(x.WebhookId, true, false, x.Name, x.Url, x.EventTypes, x.Filter, true, x.CreatedBy),
        WebhookChanged x => s with { Name = x.Name, Url = x.Url, EventTypes = x.EventTypes, Filter = x.Filter, Enabled = x.Enabled },
        WebhookDeleted => s with { Deleted = true },
        _ => s,
    };
}

/// <summary>Subscribe a receiver: the input as sent (checked by <see cref="WebhookInput"/>), and the secret the handler made.</summary>
public sealed record CreateWebhook(Guid WebhookId, WebhookInput Input, string Secret);

/// <summary>Change a webhook: what is null stays.</summary>
public sealed record ChangeWebhook(Guid WebhookId, WebhookInput Input, bool? Enabled);

public sealed record DeleteWebhook(Guid WebhookId);

/// <summary>Deliver an event again; <paramref name="Status"/> is the delivery's as the log has it (null: no such delivery).</summary>
public sealed record RedeliverWebhookEvent(Guid WebhookId, Guid DeliveryId, Guid EventId, string? Status);

/// <summary>The decider of a webhook subscription (SET-5): one stream per webhook.</summary>
public static class Webhook
{
    public const string StreamType = "webhook";

    /// <summary>The delivery log's statuses after which a delivery may be made again.</summary>
    public static IReadOnlySet<string> Ended { get; } = new HashSet<string>(["delivered", "dead", "skipped"]);

    public static Decider<WebhookState> Decider { get; } = new(StreamType, WebhookState.Empty, WebhookState.Evolve);

    public static DomainError NotFound(Guid id) => DomainError.NotFound("webhook_not_found", $"Webhook {id} does not exist.");

    public static Decision Decide(CreateWebhook command, Guid creator, WebhookTargets targets, CommandContext context)
    {
        var (checkedInput, error) = command.Input.Check(targets, required: true);
        if (error is not null) return error;
        var i = checkedInput!;
        return Decision.Accept(new WebhookCreated(command.WebhookId, i.Name!, i.Url!, command.Secret, i.Types!, i.Conditions ?? [], creator, context.Now));
    }

    public static Decision Decide(ChangeWebhook command, WebhookState state, WebhookTargets targets, CommandContext context)
    {
        if (!state.Exists || state.Deleted) return NotFound(command.WebhookId);
        var (checkedInput, error) = command.Input.Check(targets, required: false);
        if (error is not null) return error;
        var i = checkedInput!;
        var changed = new WebhookChanged(state.Id, i.Name ?? state.Name, i.Url ?? state.Url, i.Types ?? state.EventTypes, i.Conditions ?? state.Filter,
            command.Enabled ?? state.Enabled, context.Now);
        var same = changed.Name == state.Name && changed.Url == state.Url && changed.EventTypes.SequenceEqual(state.EventTypes)
            && changed.Filter.SequenceEqual(state.Filter) && changed.Enabled == state.Enabled;
        return same ? Decision.Nothing : Decision.Accept(changed);
    }

    public static Decision Decide(DeleteWebhook command, WebhookState state, CommandContext context) =>
        !state.Exists || state.Deleted ? NotFound(command.WebhookId) : Decision.Accept(new WebhookDeleted(state.Id, context.Now));

    public static Decision Decide(RedeliverWebhookEvent command, WebhookState state, CommandContext context)
    {
        if (!state.Exists || state.Deleted) return NotFound(command.WebhookId);
        if (command.Status is null)
            return DomainError.NotFound("webhook_delivery_not_found", $"Webhook {command.WebhookId} has no delivery {command.DeliveryId}.");
        if (!Ended.Contains(command.Status))
            return DomainError.Conflict("webhook_delivery_in_progress", $"Delivery {command.DeliveryId} is still being tried ({command.Status}).");
        return Decision.Accept(new WebhookRedeliveryRequested(state.Id, command.DeliveryId, command.EventId, context.Now));
    }
}
