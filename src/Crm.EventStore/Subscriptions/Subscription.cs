using System.Text;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.EventStore.Subscriptions;

/// <summary>
/// A side effect of events (a notification, an e-mail, a webhook, a workflow action), run by the projection daemon like an async
/// projection — one leader across hosts, a checkpoint of its own in es.projection_checkpoints, the feed's order, the same failure policy —
/// but instead of writing read-model rows it hands messages to a durable outbox (<see cref="ISubscriptionOutbox"/>) <b>in the
/// transaction that moves its checkpoint</b>: each event's messages are stored exactly once, and the outbox delivers each at least once.
/// A subscription may keep state of its own (tables it reads and writes in the same transaction, e.g. the names its messages carry);
/// <see cref="ResetStateAsync"/> wipes it for a replay. See docs/event-store.md, "Subscriptions".
/// </summary>
public abstract class Subscription(ISubscriptionOutbox outbox) : IProjection
{
    /// <summary>Stable name: the checkpoint, the advisory lock and every message id are keyed on it.</summary>
    public abstract string Name { get; }

    public abstract IReadOnlyCollection<Type> EventTypes { get; }

    /// <summary>Turns a batch of events (feed order) into messages: <c>batch.SendAsync(key, message)</c>; state in <c>batch.Context</c>.</summary>
    protected abstract Task HandleAsync(IReadOnlyList<StoredEvent> events, SubscriptionBatch batch, CancellationToken ct);

    /// <summary>Wipes the subscription's own state before a replay from the start; messages already delivered stay delivered.</summary>
    protected virtual Task ResetStateAsync(ProjectionContext context, CancellationToken ct) => Task.CompletedTask;

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        var replay = await ReplayAsync(context, ct);
        var messages = await outbox.BeginAsync(context.Transaction, ct);
        await HandleAsync(events, new SubscriptionBatch(Name, replay, messages, context), ct);
        await messages.SaveAsync(ct);
        // Committed: hand them to the queues now (a failure here loses nothing: the outbox recovers stored messages itself).
        context.AfterCommit(() => _ = messages.FlushAsync());
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => ResetStateAsync(context, ct);

    /// <summary>
    /// How many times this subscription has been replayed from the start (its checkpoint's rebuild count): part of every message id, so
    /// a replay's messages are new messages (the outbox's inbox would refuse the old ids it still remembers) while a re-run of the same
    /// batch — which cannot commit twice — would have produced the same ids.
    /// </summary>
    /// <remarks>
    /// Read once per run of batches: a replay resets the checkpoint, which starts a new run (a new <see cref="ProjectionContext.Continuity"/>),
    /// so the count cannot change while the continuity stays the same.
    /// </remarks>
    private async Task<int> ReplayAsync(ProjectionContext context, CancellationToken ct)
    {
        if (context.Continuity is { } continuity && knownReplay is { } known && ReferenceEquals(known.Continuity, continuity)) return known.Replay;
        await using var cmd = context.CreateCommand("select rebuilds from es.projection_checkpoints where name = @n");
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", Name));
        var replay = await cmd.ExecuteScalarAsync(ct) is int n ? n : 0;
        if (context.Continuity is { } run) knownReplay = new KnownReplay(run, replay);
        return replay;
    }

    private sealed record KnownReplay(object Continuity, int Replay);

    private KnownReplay? knownReplay;

    /// <summary>
    /// The message id of <paramref name="key"/> (an event id, or one derived from an event id and a recipient) in a subscription's
    /// <paramref name="replay"/>: a name-based UUID (version 8, SHA-256), the same on every node and every re-run.
    /// </summary>
    public static Guid MessageId(string subscription, int replay, Guid key) =>
        NameBasedId.Of([.. Encoding.UTF8.GetBytes($"crm.subscription:{subscription}:{replay}:"), .. key.ToByteArray()]);
}

/// <summary>What a subscription writes one daemon batch into: the outbox's messages and, in <see cref="Context"/>, its own state.</summary>
public sealed class SubscriptionBatch
{
    private readonly string name;
    private readonly int replay;
    private readonly IOutboxBatch messages;
    private readonly HashSet<Guid> keys = [];

    internal SubscriptionBatch(string name, int replay, IOutboxBatch messages, ProjectionContext context)
    {
        this.name = name;
        this.replay = replay;
        this.messages = messages;
        Context = context;
    }

    /// <summary>The daemon's connection and transaction (the one that moves the checkpoint): the subscription's own state is written here.</summary>
    public ProjectionContext Context { get; }

    /// <summary>
    /// Stores a message in the outbox under the id derived from <paramref name="key"/> (<see cref="Subscription.MessageId"/>); the same
    /// key twice in a batch sends once. <paramref name="deliverAt"/>: a scheduled message, kept by the outbox until then.
    /// </summary>
    public ValueTask SendAsync(Guid key, object message, DateTimeOffset? deliverAt = null, CancellationToken ct = default) =>
        keys.Add(key) ? messages.SendAsync(Subscription.MessageId(name, replay, key), message, deliverAt, ct) : ValueTask.CompletedTask;
}
