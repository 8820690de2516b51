using Npgsql;

namespace Crm.EventStore.Projections;

/// <summary>
/// One row (document) per key, where any event may touch any number of keys. Each batch loads every
/// touched row once, folds all of the batch's events into it in feed order, and writes it once.
/// </summary>
public abstract class MultiStreamProjection<TDoc, TKey> : IProjection
    where TDoc : class
    where TKey : notnull
{
    public abstract string Name { get; }
    public abstract IReadOnlyCollection<Type> EventTypes { get; }
    public abstract IReadOnlyList<string> Tables { get; }

    /// <summary>The rows an event touches.</summary>
    protected abstract IEnumerable<TKey> KeysFor(StoredEvent e);

    /// <summary>The row after the event; null deletes it.</summary>
    protected abstract TDoc? Evolve(TDoc? current, TKey key, StoredEvent e);

    protected abstract Task<IReadOnlyDictionary<TKey, TDoc>> LoadAsync(IReadOnlyCollection<TKey> keys, ProjectionContext context, CancellationToken ct);

    protected abstract void Upsert(NpgsqlBatch batch, TKey key, TDoc doc);

    protected abstract void Delete(NpgsqlBatch batch, TKey key);

    public abstract Task ResetAsync(ProjectionContext context, CancellationToken ct);

    /// <summary>
    /// True when the key's row is made from these events alone, whatever the table holds (the upsert then overwrites it): a
    /// create needs no read. False by default.
    /// </summary>
    protected virtual bool StartsFresh(TKey key, IReadOnlyList<StoredEvent> events) => false;

    private static readonly IReadOnlyDictionary<TKey, TDoc> Empty = new Dictionary<TKey, TDoc>();

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        var eventsByKey = new Dictionary<TKey, List<StoredEvent>>();
        foreach (var e in events)
        {
            foreach (var key in KeysFor(e))
            {
                if (!eventsByKey.TryGetValue(key, out var list)) eventsByKey[key] = list = [];
                list.Add(e);
            }
        }
        if (eventsByKey.Count == 0) return;

        // A row whose events start from nothing (a stream's first event) is folded from null: nothing to read for it.
        var toLoad = eventsByKey.Where(k => !StartsFresh(k.Key, k.Value)).Select(k => k.Key).ToList();
        var existing = toLoad.Count == 0 ? Empty : await LoadAsync(toLoad, context, ct);
        await using var batch = context.CreateBatch();
        foreach (var (key, keyEvents) in eventsByKey)
        {
            var doc = existing.GetValueOrDefault(key);
            var existed = doc is not null;
            foreach (var e in keyEvents) doc = Evolve(doc, key, e);
            if (doc is not null) Upsert(batch, key, doc);
            else if (existed) Delete(batch, key);
        }
        await context.WriteLastAsync(this, batch, ct);
    }
}

/// <summary>One row per stream: a multi-stream projection keyed by the stream id.</summary>
public abstract class SingleStreamProjection<TDoc> : MultiStreamProjection<TDoc, Guid>
    where TDoc : class
{
    protected sealed override IEnumerable<Guid> KeysFor(StoredEvent e) => [e.StreamId];

    /// <summary>The stream's first event is among them: its row starts there (one read less per create, in the append's transaction).</summary>
    protected override bool StartsFresh(Guid key, IReadOnlyList<StoredEvent> events) => events[0].Version == 1;
}
