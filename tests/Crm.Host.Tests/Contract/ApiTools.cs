using System.Diagnostics;

namespace Crm.Host.Tests.Contract;

/// <summary>
/// The pinned npm tools in ops/api-tools (Redocly CLI, openapi-typescript, tsc), found from the repository root.
/// ops/test installs them with npm ci; a missing node or install fails the test with what to run, never skips it.
/// </summary>
internal static class ApiTools
{
    public static readonly string RepositoryRoot = FindRepositoryRoot();
    public static readonly string Folder = Path.Combine(RepositoryRoot, "ops", "api-tools");

    /// <summary>Runs a tool from ops/api-tools/node_modules/.bin and answers its exit code and output (stdout + stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var executable = Path.Combine(Folder, "node_modules", ".bin", tool);
        Assert.True(NodeIsInstalled(),
            "node is not on PATH: the contract tests need Node.js 20.19+ and npm (Debian/Ubuntu: `sudo apt-get install nodejs npm`)");
        Assert.True(File.Exists(executable), $"{executable} is missing: run `npm ci --ignore-scripts --prefix ops/api-tools` (ops/test does it)");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} did not finish within 3 minutes");
        }
        return (process.ExitCode, await output + await error);
    }

    private static bool NodeIsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, "node")));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crm.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Crm.sln above {AppContext.BaseDirectory}");
    }
}
