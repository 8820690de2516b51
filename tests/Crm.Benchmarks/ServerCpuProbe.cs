using System.Globalization;
using Npgsql;

namespace Crm.Benchmarks;

/// <summary>
/// CPU time of the PostgreSQL server, read from /proc when the server runs on this machine (ops/bench's
/// throwaway cluster does): the postmaster and all its processes, plus what exited children left behind.
/// Wall-clock throughput on 2 shared cores swings with whatever else runs; CPU time per event does not,
/// so it says which side (client or server) costs more.
/// </summary>
public sealed class ServerCpuProbe
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly int postmasterPid;

    private ServerCpuProbe(int postmasterPid) => this.postmasterPid = postmasterPid;

    /// <summary>A probe, or null when the server is not a local process this user can read.</summary>
    public static async Task<ServerCpuProbe?> TryCreateAsync(NpgsqlDataSource dataSource)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand("select pg_backend_pid()");
            var backend = (int)(await cmd.ExecuteScalarAsync())!;
            if (!File.Exists($"/proc/{backend}/stat")) return null;
            var parent = int.Parse(StatFields(backend)[1], CultureInfo.InvariantCulture);
            return File.Exists($"/proc/{parent}/stat") ? new ServerCpuProbe(parent) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>Total CPU seconds the server has used so far (user + system, live and exited processes).</summary>
    public double Seconds()
    {
        var ticks = 0L;
        var own = StatFields(postmasterPid);
        // utime, stime, cutime, cstime: fields 14–17 of /proc/pid/stat, here 11–14 after the command name.
        for (var i = 11; i <= 14; i++) ticks += long.Parse(own[i], CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == postmasterPid) continue;
            try
            {
                var f = StatFields(pid);
                if (f[1] != postmasterPid.ToString(CultureInfo.InvariantCulture)) continue;
                ticks += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended between listing and reading: its time moved to the postmaster's cutime.
            }
        }
        return ticks / TicksPerSecond;
    }

    /// <summary>The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, … [11] utime, [12] stime.</summary>
    private static string[] StatFields(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        return text[(text.LastIndexOf(')') + 2)..].Split(' ');
    }
}
