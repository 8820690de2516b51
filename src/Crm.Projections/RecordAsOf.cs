using Crm.EventStore;

namespace Crm.Projections;

/// <summary>
/// "The record as of version N or moment T" (time travel, and the read-back of what a command wrote):
/// the stream's prefix folded with the read model's own fold, so "then" and "now" cannot differ in shape.
/// </summary>
public static class RecordAsOf
{
    /// <summary>
    /// The row as it was; null when the record did not exist yet, was deleted by then (its fold gave null),
    /// or its stream never reached the version asked for.
    /// </summary>
    public static async Task<TRow?> ReadAsOfAsync<TRow>(
        this EventStore.EventStore store, Guid id, long? version, DateTimeOffset? asOf, Func<TRow?, StoredEvent, TRow?> evolve,
        CancellationToken ct = default) where TRow : class
    {
        var folded = await store.AggregateStreamAsync(id, null, evolve, version, asOf, ct);
        if (folded is not ({ } row, var reached)) return null;
        return version is { } wanted && reached < wanted ? null : row;
    }
}
