using Crm.Write;

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
        var row = await asOf(outcome.StreamId, outcome.Version, ct)
                  ?? throw new InvalidOperationException($"{kind} {outcome.StreamId} has no version {outcome.Version} after a successful command.");
        http.Response.SetETag(version(row));
        if (outcome.Replayed) http.Response.Headers[Idempotency.ReplayedHeader] = "true";
        return row;
    }
}
