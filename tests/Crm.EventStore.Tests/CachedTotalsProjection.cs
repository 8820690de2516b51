using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.EventStore.Tests;

public sealed record CartTotal(long Quantity, int Events);

/// <summary>
/// Sums each cart's added quantities into test.cart_totals, remembering the rows it wrote in a <see cref="ProjectionCache{TKey,TValue}"/>
/// as a catch-up projection does. It counts the rows the cache served, and can be told to fail a batch after writing and keeping it.
/// </summary>
internal sealed class CachedTotalsProjection(string name) : IProjection
{
    public ProjectionCache<Guid, CartTotal> Cache { get; } = new(capacity: 10_000);
    public int Remembered { get; private set; }
    public Func<IReadOnlyList<StoredEvent>, bool>? FailAfterWriting { get; set; }

    public string Name => name;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ItemAdded)];

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        var ids = events.Select(e => e.StreamId).ToHashSet();
        var totals = new Dictionary<Guid, CartTotal?>();
        foreach (var (id, total) in Cache.Known(context, ids)) totals[id] = total;
        Remembered += totals.Count;
        await using (var load = context.CreateCommand("select stream_id, quantity, events from test.cart_totals where projection = @p and stream_id = any(@ids)"))
        {
            load.Parameters.Add(new NpgsqlParameter<string>("p", name));
            load.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids.Where(id => !totals.ContainsKey(id)).ToArray()));
            await using var reader = await load.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) totals[reader.GetGuid(0)] = new CartTotal(reader.GetInt64(1), reader.GetInt32(2));
        }
        foreach (var e in events)
        {
            var before = totals.GetValueOrDefault(e.StreamId);
            totals[e.StreamId] = new CartTotal((before?.Quantity ?? 0) + ((ItemAdded)e.Data).Quantity, (before?.Events ?? 0) + 1);
        }
        await using (var write = context.CreateCommand(
            """
            insert into test.cart_totals (projection, stream_id, quantity, events) select @p, * from unnest(@ids, @quantities, @events)
            on conflict (projection, stream_id) do update set quantity = excluded.quantity, events = excluded.events
            """))
        {
            write.Parameters.Add(new NpgsqlParameter<string>("p", name));
            write.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", totals.Keys.ToArray()));
            write.Parameters.Add(new NpgsqlParameter<long[]>("quantities", totals.Values.Select(t => t!.Quantity).ToArray()));
            write.Parameters.Add(new NpgsqlParameter<int[]>("events", totals.Values.Select(t => t!.Events).ToArray()));
            await write.ExecuteNonQueryAsync(ct);
        }
        Cache.Keep(context, totals);
        if (FailAfterWriting?.Invoke(events) == true) throw new InvalidOperationException("This batch fails after writing and keeping its rows.");
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("delete from test.cart_totals where projection = @p");
        cmd.Parameters.Add(new NpgsqlParameter<string>("p", name));
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
