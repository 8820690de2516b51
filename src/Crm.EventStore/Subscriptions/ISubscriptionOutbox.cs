using Npgsql;

namespace Crm.EventStore.Subscriptions;

/// <summary>
/// A durable outbox a <see cref="Subscription"/> hands its messages to: the host's Wolverine (src/Crm.Host/Outbox). The engine knows
/// nothing of it but this: messages are stored in the daemon's own transaction, the one that moves the subscription's checkpoint, and
/// delivered (at least once, retried, dead-lettered) by the outbox once that transaction has committed.
/// </summary>
public interface ISubscriptionOutbox
{
    /// <summary>Starts a batch of messages stored in <paramref name="transaction"/>; nothing of it exists unless the transaction commits.</summary>
    ValueTask<IOutboxBatch> BeginAsync(NpgsqlTransaction transaction, CancellationToken ct);
}

/// <summary>The messages of one daemon batch, stored in its transaction.</summary>
public interface IOutboxBatch
{
    /// <summary>
    /// Stores <paramref name="message"/> under <paramref name="id"/> (the outbox's message id: a handler sees it, and the outbox's inbox
    /// refuses a second message of the same id), due at once or at <paramref name="deliverAt"/>.
    /// </summary>
    ValueTask SendAsync(Guid id, object message, DateTimeOffset? deliverAt, CancellationToken ct);

    /// <summary>Writes every message sent so far into the transaction (an outbox may gather them: one round trip for a batch, not one each).</summary>
    ValueTask SaveAsync(CancellationToken ct);

    /// <summary>
    /// Called once the transaction has committed: hands the stored messages to this node's queues at once. Never required for
    /// delivery: messages stored but not handed over (the node died in between) are recovered by the outbox from the database.
    /// </summary>
    Task FlushAsync();
}
