using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Crm.Benchmarks;

/// <summary>
/// The real host (src/Crm.Host's Release build, as ops/run starts it) in a process of its own, on Kestrel on a free
/// port of 127.0.0.1. A process, not an in-process WebApplication: the host keeps its own GC heap and thread pool as
/// in production, the client's 16 connections do not steal its threads, and its CPU time is read apart from the
/// client's and PostgreSQL's (/proc), which is what says where a request's time goes.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Queue<string> lastLines = new();

    private HostProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The host's CPU seconds so far (user + system), from /proc/pid/stat.</summary>
    public double CpuSeconds()
    {
        var text = File.ReadAllText($"/proc/{process.Id}/stat");
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public static async Task<HostProcess> StartAsync(string hostDll, string connectionString, string adminPassword, IDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        foreach (var a in new[] { hostDll, "--urls", address.ToString().TrimEnd('/'), "--contentRoot", Path.GetDirectoryName(hostDll)! }) info.ArgumentList.Add(a);
        info.Environment["CRM_DATABASE"] = connectionString;
        info.Environment["CRM_ADMIN_PASSWORD"] = adminPassword;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var host = new HostProcess(process, address);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilLiveAsync();
        return host;
    }

    /// <summary>The host's resident memory now, in MB (VmRSS of /proc/pid/status).</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>src/Crm.Host's build of the same configuration as this program (the project reference builds it).</summary>
    public static string DefaultDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Crm.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Crm.sln not found above " + AppContext.BaseDirectory + ": pass --host-dll.");
        return Path.Combine(dir.FullName, "src", "Crm.Host", "bin", configuration, "net10.0", "Crm.Host.dll");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 20) lastLines.Dequeue();
        }
    }

    public string LastLines()
    {
        lock (lastLines) return string.Join('\n', lastLines);
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (process.HasExited) throw new InvalidOperationException($"the host exited ({process.ExitCode}):\n{LastLines()}");
            try
            {
                using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the host did not answer /health/live within 180 s:\n{LastLines()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
