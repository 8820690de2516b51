namespace Crm.EventStore.Daemon;

/// <summary>An auto-reset signal: many pulses while nobody waits collapse into one wake-up.</summary>
internal sealed class WakeSignal
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Pulse()
    {
        try { semaphore.Release(); }
        catch (SemaphoreFullException) { /* already pulsed */ }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await semaphore.WaitAsync(timeout, ct);
}
