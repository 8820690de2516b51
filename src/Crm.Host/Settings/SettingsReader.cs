using Crm.Write.Settings;

namespace Crm.Host.Settings;

/// <summary>
/// The current settings, folded from the settings stream (a handful of events) and cached briefly:
/// every sign-in and list reads them. This host forgets the cache when it changes them; others follow
/// within Crm:Settings:CacheSeconds (default 5).
/// </summary>
public sealed class SettingsReader(EventStore.EventStore store, TimeProvider clock, IConfiguration configuration)
{
    private readonly TimeSpan lifetime = TimeSpan.FromSeconds(configuration.GetValue("Crm:Settings:CacheSeconds", 5));
    // One reference swapped whole, so concurrent requests never see half of an update.
    private volatile Snapshot? cached;

    public async Task<SettingsState> CurrentAsync(CancellationToken ct) => (await CurrentWithVersionAsync(ct)).State;

    public async Task<(SettingsState State, long Version)> CurrentWithVersionAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (cached is { } c && now - c.LoadedAt < lifetime) return (c.State, c.Version);
        var folded = await store.AggregateStreamAsync(SystemSettings.StreamId, SystemSettings.Defaults,
            (s, e) => SystemSettings.Evolve(s, e.Data), ct: ct);
        var (state, version) = folded ?? (SystemSettings.Defaults, 0);
        cached = new Snapshot(state, version, now);
        return (state, version);
    }

    public void Forget() => cached = null;

    private sealed record Snapshot(SettingsState State, long Version, DateTimeOffset LoadedAt);
}
