using System.Diagnostics;

namespace Crm.EventStore.Tests;

/// <summary>Runs one of the repository's ops/ scripts, as an operator would, and returns what it printed.</summary>
internal static class OpsScript
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static Task<string> RunAsync(string script, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        BashAsync([Path.Combine(RepositoryRoot, script), .. arguments], environment);

    /// <summary>Stops a private cluster the way the scripts do (a no-op when there is none).</summary>
    public static Task<string> StopClusterAsync(string dataDir) =>
        BashAsync(["-c", "source ops/lib/postgres.sh && pg_stop \"$1\"", "stop", dataDir], new Dictionary<string, string?>());

    private static async Task<string> BashAsync(string[] arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in new[] { "CRM_DATABASE", "CRM_DATA_DIR" }) start.Environment.Remove(name);
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"bash {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}\n{await output}");
        return await output;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crm.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (Crm.sln) is not above " + AppContext.BaseDirectory);
    }
}
