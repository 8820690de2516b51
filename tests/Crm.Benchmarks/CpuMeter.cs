using System.Diagnostics;

namespace Crm.Benchmarks;

/// <summary>
/// CPU seconds spent by this process and by the PostgreSQL server over a stretch of work, summed over its repetitions: on two cores
/// a catch-up and its raw read compete for the same CPU, so CPU per event says where the time goes when wall time cannot.
/// </summary>
public sealed class CpuMeter(BenchDatabase db)
{
    private double client, server;
    private long events;

    public async Task<T> MeasureAsync<T>(long eventCount, Func<Task<T>> work)
    {
        var (clientBefore, serverBefore) = (Process.GetCurrentProcess().TotalProcessorTime, db.ServerCpu?.Seconds());
        var result = await work();
        client += (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds;
        if (serverBefore is { } s) server += db.ServerCpu!.Seconds() - s;
        events += eventCount;
        return result;
    }

    /// <summary>"client X µs + server Y µs per 5,000 events".</summary>
    public string PerFiveThousand() => events == 0 ? "n/a"
        : $"client {client * 5_000e3 / events:#,0} ms + PostgreSQL {(db.ServerCpu is null ? "n/a" : $"{server * 5_000e3 / events:#,0} ms")} of CPU per 5,000 events";
}
