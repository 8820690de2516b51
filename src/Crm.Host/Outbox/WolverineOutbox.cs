using Crm.EventStore.Subscriptions;
using Npgsql;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace Crm.Host.Outbox;

/// <summary>
/// The subscriptions' outbox is Wolverine's (schema <c>wolverine</c>, same database): a daemon batch's messages are enlisted in the batch's
/// own Npgsql transaction (Wolverine's <see cref="DatabaseEnvelopeTransaction"/>) and written to Wolverine's inbox table by that transaction,
/// so they exist exactly when the subscription's checkpoint has moved past their events. After the commit they are handed to this node's
/// durable local queue; a node that dies first leaves them to Wolverine's durability agent, which recovers them on a live node.
/// </summary>
public sealed partial class WolverineOutbox(IServiceProvider services, ILogger<WolverineOutbox> logger) : ISubscriptionOutbox
{
    // Resolved on first use: the daemon is built before Wolverine's runtime starts.
    private IWolverineRuntime Runtime => field ??= services.GetRequiredService<IWolverineRuntime>();

    public async ValueTask<IOutboxBatch> BeginAsync(NpgsqlTransaction transaction, CancellationToken ct)
    {
        var runtime = Runtime;
        if (runtime.Storage is not IMessageDatabase database)
            throw new InvalidOperationException($"Wolverine's message store is {runtime.Storage.GetType().Name}, not its PostgreSQL store.");
        var context = new MessageContext(runtime) { MultiFlushMode = MultiFlushMode.OnlyOnce };
        var enlisted = new IdentifiedTransaction(new DatabaseEnvelopeTransaction(database, transaction));
        await context.EnlistInOutboxAsync(enlisted);
        return new Batch(context, enlisted, database, transaction, logger);
    }

    private sealed class Batch(MessageContext context, IdentifiedTransaction transaction, IMessageDatabase database, NpgsqlTransaction tx,
        ILogger logger) : IOutboxBatch
    {
        // Envelopes per statement batch: Wolverine writes each with its own insert; gathered, a daemon batch costs a few round trips.
        private const int Chunk = 500;

        public async ValueTask SaveAsync(CancellationToken ct)
        {
            var incoming = transaction.TakeIncoming();
            for (var i = 0; i < incoming.Count; i += Chunk)
                await database.StoreIncomingAsync(tx, [.. incoming.Skip(i).Take(Chunk)]);
        }

        public async ValueTask SendAsync(Guid id, object message, DateTimeOffset? deliverAt, CancellationToken ct)
        {
            transaction.Next = id;
            try
            {
                await context.PublishAsync(message, deliverAt is { } at ? new DeliveryOptions { ScheduledTime = at } : null);
            }
            finally
            {
                transaction.Next = null;
            }
            if (transaction.Stored != id) throw new InvalidOperationException($"{message.GetType().Name} is not routed to a durable local queue.");
        }

        public async Task FlushAsync()
        {
            try
            {
                await context.FlushOutgoingMessagesAsync();
            }
            catch (Exception e)
            {
                // Stored and committed: Wolverine's durability agent delivers them from the database.
                LogFlushFailed(logger, e);
            }
        }
    }

    /// <summary>
    /// Wolverine's envelope transaction, stamping each stored envelope with the subscription's deterministic id (the same on every node and
    /// re-run) instead of a random one; one envelope per message (a message routed to several queues would share its id: refused).
    /// </summary>
    private sealed class IdentifiedTransaction(DatabaseEnvelopeTransaction inner) : IEnvelopeTransaction
    {
        private List<Envelope> incoming = [];

        public Guid? Next { get; set; }
        public Guid? Stored { get; private set; }

        /// <summary>The envelopes for local queues stamped since the last call, to be written together.</summary>
        public List<Envelope> TakeIncoming() => Interlocked.Exchange(ref incoming, []);

        public Task PersistOutgoingAsync(Envelope envelope) => inner.PersistOutgoingAsync(Stamp(envelope));

        public Task PersistOutgoingAsync(Envelope[] envelopes)
        {
            foreach (var envelope in envelopes) Stamp(envelope);
            return inner.PersistOutgoingAsync(envelopes);
        }

        public Task PersistIncomingAsync(Envelope envelope)
        {
            incoming.Add(Stamp(envelope)); // written by the batch's SaveAsync, in the same transaction
            return Task.CompletedTask;
        }

        public ValueTask RollbackAsync() => ValueTask.CompletedTask; // the daemon's transaction is the daemon's to roll back

        public Task<bool> TryMakeEagerIdempotencyCheckAsync(Envelope envelope, DurabilitySettings settings, CancellationToken cancellation) =>
            inner.TryMakeEagerIdempotencyCheckAsync(envelope, settings, cancellation);

        private Envelope Stamp(Envelope envelope)
        {
            if (Next is not { } id) throw new InvalidOperationException("A subscription's outbox stores only what its batch sends.");
            if (Stored == id) throw new InvalidOperationException($"Message {id} was routed to more than one destination.");
            envelope.Id = id;
            Stored = id;
            return envelope;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Subscription messages were stored but not handed to the local queue; Wolverine's recovery will deliver them")]
    private static partial void LogFlushFailed(ILogger logger, Exception e);
}
