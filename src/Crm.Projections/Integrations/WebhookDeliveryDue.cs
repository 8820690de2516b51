using System.Text;
using Crm.EventStore;

namespace Crm.Projections.Integrations;

/// <summary>
/// One attempt at delivering an event to a webhook (queue webhooks). Carries ids only: the URL, secret and payload are read when it
/// is sent (a changed URL counts; the payload is the event as the feed shows it then, erased personal data erased).
/// </summary>
/// <param name="Round">The event's id for its first round; the redelivery request's event id for a round started again.</param>
/// <param name="Attempt">1 for a round's first attempt; each retry's is one more.</param>
public sealed record WebhookDeliveryDue(Guid DeliveryId, Guid WebhookId, Guid EventId, Guid Round, int Attempt, bool Redelivery)
{
    /// <summary>The delivery of an event to a webhook: one id per pair, the same on every node and every replay.</summary>
    public static Guid IdOf(Guid webhookId, Guid eventId) =>
        NameBasedId.Of([.. Encoding.UTF8.GetBytes("crm.webhook-delivery:"), .. webhookId.ToByteArray(), .. eventId.ToByteArray()]);
}
