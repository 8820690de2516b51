using Crm.EventStore;
using Crm.Write;
using Polly;

namespace Crm.Host.Platform;

/// <summary>
/// The answer to a successful write: the record exactly as the command left it (read at the version it
/// produced, so a replayed request gets the same answer as the first even if the record changed since),
/// its ETag, and Idempotent-Replayed when nothing was written now.
/// </summary>
public static class WrittenRecords
{
    public static async Task<T> WrittenAsync<T>(
        this HttpContext http, CommandOutcome outcome, string kind,
        Func<Guid, long, CancellationToken, Task<T?>> asOf, Func<T, long> version, CancellationToken ct) where T : class
    {
        var row = await http.ReadBackAsync(t => asOf(outcome.StreamId, outcome.Version, t), ct)
                  ?? throw new InvalidOperationException($"{kind} {outcome.StreamId} has no version {outcome.Version} after a successful command.");
        http.Response.SetETag(version(row));
        if (outcome.Replayed) http.Response.Headers[Idempotency.ReplayedHeader] = "true";
        return row;
    }

    /// <summary>
    /// The answer to a create: the record folded from the events the command wrote (they start its stream, so they are
    /// the whole record), with no read after the commit. A replay, or an outcome without them, is read back as above.
    /// </summary>
    public static async Task<T> CreatedAsync<T>(
        this HttpContext http, CommandOutcome outcome, string kind, Func<T?, StoredEvent, T?> evolve,
        Func<Guid, long, CancellationToken, Task<T?>> asOf, Func<T, long> version, CancellationToken ct) where T : class
    {
        if (outcome.Replayed || outcome.WrittenAt is not { } at || outcome.Events.Count == 0 || outcome.Version != outcome.Events.Count)
            return await http.WrittenAsync(outcome, kind, asOf, version, ct);
        T? row = null;
        for (var i = 0; i < outcome.Events.Count; i++)
            row = evolve(row, new StoredEvent(0, 0, Guid.Empty, outcome.StreamId, i + 1, "", outcome.Events[i], EventMetadata.None, at));
        if (row is null) return await http.WrittenAsync(outcome, kind, asOf, version, ct);
        http.Response.SetETag(version(row));
        return row;
    }

    /// <summary>
    /// A read made after the command committed, retried on transient faults: the write is done, and a
    /// dropped connection while reading it back must not answer 500 (a client would write it again).
    /// </summary>
    public static async Task<T> ReadBackAsync<T>(this HttpContext http, Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        var retry = http.RequestServices.GetService<DatabaseRetry>()?.ReadBacks ?? ResiliencePipeline.Empty;
        return await retry.ExecuteAsync(async t => await read(t), ct);
    }
}
