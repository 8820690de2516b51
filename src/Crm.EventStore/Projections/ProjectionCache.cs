namespace Crm.EventStore.Projections;

/// <summary>
/// The rows an async projection wrote, remembered between the daemon's batches so that a catch-up does not read back what it has
/// just written (each batch of a catch-up over many records otherwise loads every record it touches). A row is remembered only once
/// its batch has committed, and the whole cache is forgotten as soon as a batch does not continue the one before
/// (<see cref="ProjectionContext.Continuity"/>): what it returns is always what the tables hold. Inline it remembers nothing.
/// Values must not be changed once kept (records, copied on change). Two generations bound its size: when the newer one is full it
/// becomes the older and the older is dropped, so the rows touched recently stay.
/// </summary>
public sealed class ProjectionCache<TKey, TValue>(int capacity) where TKey : notnull where TValue : class
{
    private readonly Lock gate = new();
    private Dictionary<TKey, TValue?> recent = [];
    private Dictionary<TKey, TValue?> older = [];
    private object? continuity;

    /// <summary>How many rows it remembers now.</summary>
    public int Count
    {
        get { lock (gate) return recent.Count + older.Count; }
    }

    /// <summary>
    /// The rows of these keys as the tables hold them when this batch starts, for the keys it remembers (a null value: the row is
    /// known not to exist). Empty, and the cache forgotten, when the batch does not continue the last one it saw committed.
    /// </summary>
    public Dictionary<TKey, TValue?> Known(ProjectionContext context, IEnumerable<TKey> keys)
    {
        var found = new Dictionary<TKey, TValue?>();
        lock (gate)
        {
            if (context.Continuity is null || !ReferenceEquals(context.Continuity, continuity))
            {
                Forget();
                return found;
            }
            foreach (var key in keys)
            {
                if (recent.TryGetValue(key, out var row) || older.TryGetValue(key, out row)) found[key] = row;
            }
        }
        return found;
    }

    /// <summary>
    /// The rows of these keys as this batch starts: those remembered (null: known not to exist), the others read with
    /// <paramref name="load"/> (a key it does not return has no row). What a projection that folds touched rows calls first.
    /// </summary>
    public async Task<Dictionary<TKey, TValue?>> ReadAsync(ProjectionContext context, IReadOnlyCollection<TKey> keys,
        Func<IReadOnlyCollection<TKey>, Task<IReadOnlyDictionary<TKey, TValue>>> load)
    {
        var rows = Known(context, keys);
        var unknown = keys.Where(key => !rows.ContainsKey(key)).ToList();
        if (unknown.Count == 0) return rows;
        foreach (var (key, row) in await load(unknown)) rows[key] = row;
        return rows;
    }

    /// <summary>Remembers the rows as this batch leaves them (null: no row), once and only if its transaction commits.</summary>
    public void Keep(ProjectionContext context, IReadOnlyCollection<KeyValuePair<TKey, TValue?>> rows)
    {
        if (context.Continuity is not { } batch) return;
        context.AfterCommit(() =>
        {
            lock (gate)
            {
                if (!ReferenceEquals(continuity, batch)) Forget();
                continuity = batch;
                foreach (var (key, row) in rows)
                {
                    if (recent.Count >= capacity / 2 && !recent.ContainsKey(key))
                    {
                        older = recent;
                        recent = [];
                    }
                    recent[key] = row;
                    older.Remove(key);
                }
            }
        });
    }

    private void Forget()
    {
        recent = [];
        older = [];
        continuity = null;
    }
}
