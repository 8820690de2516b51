using Crm.Host.Platform;
using Crm.Write.Access;
using Polly;

namespace Crm.Host.Access;

/// <summary>
/// The permission engine's entry point in the host: hands out the current org snapshot. Each call
/// reads the one-row access counter (cheap) and reuses the snapshot in memory unless the counter
/// moved, in which case one caller reloads while the others wait for it. So every answer follows
/// the org as it is now, on every host, without messaging between hosts.
/// </summary>
/// <remarks>Both reads are safe to repeat, so a transient database error is retried like any read.</remarks>
public sealed class AccessControl(OrgSnapshotLoader loader, DatabaseRetry? retry = null) : IDisposable
{
    private readonly ResiliencePipeline reads = retry?.Reads ?? ResiliencePipeline.Empty;
    private readonly SemaphoreSlim reload = new(1, 1);
    private volatile OrgSnapshot? current;

    public async ValueTask<OrgSnapshot> CurrentAsync(CancellationToken ct)
    {
        var version = await reads.ExecuteAsync(async token => await loader.CurrentVersionAsync(token), ct);
        if (current is { } snapshot && snapshot.Version == version) return snapshot;
        await reload.WaitAsync(ct);
        try
        {
            // Someone else may have reloaded while this caller waited.
            if (current is { } fresh && fresh.Version >= version) return fresh;
            var loaded = await reads.ExecuteAsync(async token => await loader.LoadAsync(token), ct);
            current = loaded;
            return loaded;
        }
        finally
        {
            reload.Release();
        }
    }

    public void Dispose() => reload.Dispose();
}
